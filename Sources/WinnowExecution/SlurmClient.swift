internal import Dispatch
internal import Foundation
internal import WinnowCore

/// How ``SlurmExecutor`` runs the Slurm commands (`sbatch`, `squeue`, `scontrol`, `scancel`): by default as
/// subprocesses found on `PATH`, each with a deadline; tests may substitute a function.
public struct SlurmClient: Sendable {
    /// What a command printed, and its exit status.
    public struct Result: Sendable, Hashable {
        public var status: Int32
        public var output: String
        public var errorOutput: String

        public init(status: Int32, output: String, errorOutput: String) {
            self.status = status
            self.output = output
            self.errorOutput = errorOutput
        }
    }

    /// Runs `tool` with `arguments`; throws only when the command cannot be run at all.
    public var run: @Sendable (_ tool: String, _ arguments: [String]) throws -> Result

    public init(run: @escaping @Sendable (_ tool: String, _ arguments: [String]) throws -> Result) {
        self.run = run
    }

    /// The commands on `PATH`, each stopped (SIGTERM) when it runs longer than `timeoutSeconds`.
    public static func system(timeoutSeconds: Double = 120) -> SlurmClient {
        SlurmClient { tool, arguments in try runProcess(tool, arguments, timeoutSeconds: timeoutSeconds) }
    }

    /// Runs a command and returns its standard output; throws a `slurm` error quoting its standard error
    /// when it exits with a non-zero status.
    func checkedOutput(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try run(tool, arguments)
        guard result.status == 0 else {
            throw WinnowError(
                .slurm, "\(tool) exited with status \(result.status): \(Self.firstLines(result.errorOutput.isEmpty ? result.output : result.errorOutput))",
                scope: .run)
        }
        return result.output
    }

    /// `squeue ARGUMENTS`, parsed; an empty list when every job id asked for is unknown to the controller
    /// (finished more than `MinJobAge` ago, or never existed).
    func queue(_ arguments: [String]) throws -> [SlurmTaskState] {
        let result = try run("squeue", arguments)
        if result.status != 0 {
            if result.errorOutput.contains("Invalid job id") { return [] }
            throw WinnowError(.slurm, "squeue exited with status \(result.status): \(Self.firstLines(result.errorOutput))", scope: .run)
        }
        return try SlurmOutput.taskStates(result.output)
    }

    /// The first few non-empty lines of a command's message, on one line.
    static func firstLines(_ text: String, count: Int = 3) -> String {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        return lines.isEmpty ? "(no message)" : lines.prefix(count).joined(separator: " / ")
    }

    private static func runProcess(_ tool: String, _ arguments: [String], timeoutSeconds: Double) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw WinnowError(.slurm, "cannot run \(tool): \(error); is Slurm installed on this machine?", scope: .run)
        }
        // Both pipes are drained while the command runs, so a long listing never blocks it.
        let captured = Locked<(output: Data, errors: Data)>((Data(), Data()))
        let readers = DispatchGroup()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: readers) {
            let data = outputHandle.readDataToEndOfFile()
            captured.withLock { $0.output = data }
        }
        DispatchQueue.global().async(group: readers) {
            let data = errorHandle.readDataToEndOfFile()
            captured.withLock { $0.errors = data }
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 10)
            _ = readers.wait(timeout: .now() + 10)
            throw WinnowError(.slurm, "\(tool) did not answer within \(Int(timeoutSeconds)) s; is the Slurm controller up?", scope: .run)
        }
        _ = readers.wait(timeout: .now() + 10)
        let (outputData, errorData) = captured.withLock { ($0.output, $0.errors) }
        if process.terminationStatus == 127 {  // env(1): the command was not found
            throw WinnowError(.slurm, "\(tool) is not on PATH; run this on a Slurm submit host", scope: .run)
        }
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self), errorOutput: String(decoding: errorData, as: UTF8.self))
    }
}
