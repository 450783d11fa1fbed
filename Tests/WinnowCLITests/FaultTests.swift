import Foundation
import Testing
import WinnowCore
import WinnowIO

/// Signals and disk faults, through the real executable (tasks as subprocesses): a stopped or failed run
/// exits with its documented code, leaves nothing partial under a final name, and its rerun ends
/// byte-identical to an uninterrupted run. Scripts/test-faults.sh covers more disk-full points.
@Suite(.serialized) struct FaultTests {
    /// A `winnow` process whose standard error is read as it comes.
    final class Running {
        let process = Process()
        private let errors = Pipe()
        private(set) var stderr = ""

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = URL(fileURLWithPath: CLITests.executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: CLITests.packageRoot)
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Reads standard error until it contains `text` (true) or ends (false). Blocking reads, no sleeps.
        func waitFor(_ text: String) -> Bool {
            while !stderr.contains(text) {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { return false }
                stderr += String(decoding: data, as: UTF8.self)
            }
            return true
        }

        /// Reads standard error to its end and waits for the exit; returns the exit status.
        func finish() -> Int32 {
            stderr += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// The files under `directory` whose names say they are temporary.
    static func temporaryFiles(_ directory: String) throws -> [String] {
        try FileSystem.walk(directory).filter { $0.contains(".tmp-") }
    }

    /// Task 0 of segment 0 holds after its first work unit (`WINNOW_FAULT=...:hold`) until the signal
    /// reaches it through `winnow run`, which forwards it to its tasks; so the stop lands at a known point.
    @Test(arguments: [(SIGTERM, Int32(143), "SIGTERM"), (SIGINT, Int32(130), "SIGINT")])
    func aSignalStopsTheRunCleanlyAndTheRerunGivesTheSameBytes(signal: Int32, status: Int32, name: String) throws {
        let directory = try CLITests.temporaryDirectory("signal\(name)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = "\(directory)/reference"
        #expect(try OperationsTests.run(["run", "quickstart", "--output", reference, "--workers", "2"]).status == 0)

        let output = "\(directory)/run"
        let run = try Running(["run", "quickstart", "--output", output, "--workers", "2"], environment: ["WINNOW_FAULT": "segment-0:0:0:hold"])
        let held = run.waitFor("fault injection: segment-0 task 0 holding after 0")
        #expect(held, "the task never reached the fault point: \(run.stderr)")
        if held { kill(run.process.processIdentifier, signal) }
        let exit = run.finish()
        #expect(exit == status, "\(run.stderr)")
        #expect(run.stderr.contains("winnow: error: \(output): stopped by \(name) during phase segment-0"), "\(run.stderr)")
        #expect(run.stderr.contains("[interrupted]"))
        #expect(try Self.temporaryFiles(output) == [], "a stopped task leaves no temporary file")
        #expect(!(try FileSystem.fileExists("\(output)/shards")))
        #expect(!(try FileSystem.fileExists("\(output)/manifest.json")))
        // Unit 0 of task 0 was committed before the signal: it is kept, and the rerun does not redo it.
        #expect(try FileSystem.fileExists(RunLayoutPaths.part(output, segment: 0, unit: 0)))

        let resumed = try OperationsTests.run(["run", "quickstart", "--output", output, "--workers", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try CLITests.shardFiles(output) == CLITests.shardFiles(reference))
        #expect(try OperationsTests.root(output) == OperationsTests.root(reference))
        #expect(try OperationsTests.run(["verify", output]).status == 0)
    }

    /// Whether this process may mount a tmpfs (root, outside a restricted container).
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let point = "\(FileManager.default.temporaryDirectory.path)/winnow-mount-probe-\(getpid())"
        guard (try? FileSystem.createDirectory(point)) != nil else { return false }
        defer { rmdir(point) }
        guard (try? Mount.tmpfs(at: point, kilobytes: 64)) != nil else { return false }
        Mount.unmount(point)
        return true
    }()

    /// A full disk: the run fails with 74 naming the file, the call and errno's text; nothing partial is
    /// left; once the file system grows, the rerun completes with the reference bytes and Merkle root.
    @Test(.enabled(if: canMount, "needs root to mount a size-limited tmpfs"))
    func aFullDiskFailsWith74AndTheRerunAfterFreeingSpaceGivesTheSameBytes() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = "\(directory)/reference"
        #expect(try OperationsTests.run(["run", "quickstart", "--output", reference, "--workers", "2"]).status == 0)
        // tmpfs charges whole 4 KiB pages: the reference run's footprint, then a third of it.
        let footprint = try FileSystem.walk(reference).reduce(Int64(0)) { $0 + (try FileSystem.fileSize($1) + 4095) / 4096 * 4 }
        let mount = "\(directory)/small"
        try FileSystem.createDirectory(mount)
        try Mount.tmpfs(at: mount, kilobytes: max(64, footprint / 3))
        defer { Mount.unmount(mount) }
        let output = "\(mount)/run"

        let full = try OperationsTests.run(["run", "quickstart", "--output", output, "--workers", "2"])
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(full.stderr.contains("[io]"))
        #expect(full.stderr.contains("(caused by: write: No space left on device (errno 28))"), "\(full.stderr)")
        #expect(full.stderr.contains("\(output)/"), "the message names the file")
        #expect(try Self.temporaryFiles(output) == [], "a failed write leaves no temporary file")
        #expect(!(try FileSystem.fileExists("\(output)/manifest.json")))

        try Mount.resize(mount, kilobytes: footprint * 4)
        let resumed = try OperationsTests.run(["run", "quickstart", "--output", output, "--workers", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try CLITests.shardFiles(output) == CLITests.shardFiles(reference))
        #expect(try OperationsTests.root(output) == OperationsTests.root(reference))
        #expect(try OperationsTests.run(["verify", output]).status == 0)
    }
}

/// Where a run keeps its files (as `RunLayout` lays them out), for the checks above.
enum RunLayoutPaths {
    static func part(_ run: String, segment: Int, unit: Int) -> String {
        "\(run)/work/segments/\(segment)/unit-\(String(format: "%06d", unit)).jsonl.zst"
    }
}

/// `mount -t tmpfs` and friends, for the disk-full tests (root only).
enum Mount {
    static func tmpfs(at path: String, kilobytes: Int64) throws {
        try command(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
    }

    static func resize(_ path: String, kilobytes: Int64) throws {
        try command(["-o", "remount,size=\(kilobytes)k", path])
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
    }

    private static func command(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WinnowError(.io, "mount \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)", scope: .run)
        }
    }
}
