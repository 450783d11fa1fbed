import ArgumentParser
import Foundation
import Logging
import Winnow
import WinnowPipelines

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Run one task of a prepared run (used by the executors; rank defaults to $SLURM_ARRAY_TASK_ID).",
        shouldDisplay: false
    )

    @Option(name: .customLong("run"), help: "The run directory (prepared by `winnow run`).")
    var runDirectory: String

    @Option(name: .long, help: "The phase name.")
    var phase: String

    @Option(name: .long, help: "This task's rank.")
    var rank: Int?

    @Option(name: .long, help: "The number of tasks of the phase.")
    var world: Int

    @Flag(name: .long)
    var failFast = false

    @Option(name: .long, help: "The Ed25519 key file that signs the manifest (default: $WINNOW_SIGNING_KEY).")
    var signKey: String?

    func run() throws {
        CLI.bootstrapLogging(verbose: false, format: ProcessInfo.processInfo.environment["WINNOW_LOG_FORMAT"] == "json" ? .json : .text)
        SignalHandling.install(preTimeoutSignal: true)
        let logger = Logger(label: "winnow.task")
        do {
            guard let rank = rank ?? ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) else {
                throw WinnowError(.invalidArgument, "no --rank and no SLURM_ARRAY_TASK_ID", scope: .run)
            }
            guard world >= 1, (0..<world).contains(rank) else {
                throw WinnowError(.invalidArgument, "rank \(rank) is not within 0..<\(world)", scope: .run)
            }
            let runner = TaskRunner(
                runDirectory: runDirectory, registry: Pipelines.registry, failFast: failFast,
                signingKeyPath: signKey ?? ProcessInfo.processInfo.environment["WINNOW_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 },
                logger: logger)
            try runner.run(phase: phase, rank: rank, worldSize: world)
        } catch let error as WinnowError where error.code == .interrupted && Interruption.signal == SignalHandling.preTimeout {
            throw Self.requeue(after: error)
        } catch {
            throw CLI.fail(error)
        }
    }

    /// After Slurm's pre-timeout signal: the task stopped cleanly; requeue it so that it resumes (exit 143
    /// either way: the requeued task's state is Slurm's, and a task that could not be requeued has failed).
    static func requeue(after error: WinnowError) -> ExitCode {
        guard let job = SlurmRequeue.currentJobID() else {
            return CLI.fail(error)
        }
        do {
            try SlurmRequeue.requeue(jobID: job)
            CLI.printError("stopped by Slurm's pre-timeout signal (SIGUSR1) after the last committed work unit; requeued job \(job), which resumes from there")
            return ExitCode(ExitCodes.interrupted)
        } catch {
            CLI.printError("stopped by Slurm's pre-timeout signal (SIGUSR1), but the task could not be requeued")
            return CLI.fail(error)
        }
    }
}
