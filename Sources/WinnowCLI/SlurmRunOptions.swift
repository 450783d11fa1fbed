import ArgumentParser
import Foundation
import Logging
import Winnow
import WinnowPipelines

/// The options of `winnow run --executor slurm`, an option group of ``RunCommand``.
struct SlurmRunOptions: ParsableArguments {
    enum Executor: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Option(name: .long, help: "Where the tasks run: local (this machine) or slurm (one job array per phase).")
    var executor: Executor = .local

    @Option(name: .long, help: "Slurm: tasks per phase (required with --executor slurm).")
    var tasks: Int?

    @Option(name: .long, help: "Slurm: the partition (default: the cluster's default).")
    var partition: String?

    @Option(name: .long, help: "Slurm: time limit of each task, as sbatch --time takes it (e.g. 30, 2:00:00).")
    var time: String?

    @Option(name: .long, help: "Slurm: memory of each task, as sbatch --mem takes it (e.g. 4G).")
    var mem: String?

    @Option(name: .long, help: "Slurm: CPUs of each task.")
    var cpusPerTask: Int?

    @Option(name: .long, help: "Slurm: at most this many tasks of a phase run at once.")
    var maxConcurrent: Int?

    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Slurm: a further sbatch argument for every job array, e.g. --sbatch-arg=--account=proj (repeatable).")
    var sbatchArg: [String] = []

    @Flag(name: .long, help: "Slurm: wait for the jobs and check every task completed (exit 1 naming a failed task); otherwise print the job ids and exit.")
    var wait = false

    @Option(name: .long, help: "Slurm: with --wait, give up waiting after this many seconds (the jobs keep running).")
    var waitTimeout: Double = 86_400

    @Option(name: .long, help: "Slurm: ask for SIGUSR1 this many seconds before each task's time limit; the task then stops cleanly and requeues itself (sbatch --signal=B:USR1@N --requeue).")
    var signalBefore: Int?

    @Option(name: .long, help: .hidden)
    var maxArraySize: Int?

    var isSlurm: Bool { executor == .slurm }

    var options: SlurmOptions {
        SlurmOptions(
            tasks: tasks ?? 0, partition: partition, time: time, memory: mem, cpusPerTask: cpusPerTask,
            maxConcurrent: maxConcurrent, extraArguments: sbatchArg, maxArraySize: maxArraySize, wait: wait,
            waitTimeoutSeconds: waitTimeout, signalBeforeTimeoutSeconds: signalBefore)
    }

    func validate() throws {
        guard isSlurm else {
            let given = [
                tasks.map { _ in "--tasks" }, partition.map { _ in "--partition" }, time.map { _ in "--time" }, mem.map { _ in "--mem" },
                cpusPerTask.map { _ in "--cpus-per-task" }, maxConcurrent.map { _ in "--max-concurrent" },
                sbatchArg.isEmpty ? nil : "--sbatch-arg", wait ? "--wait" : nil, signalBefore.map { _ in "--signal-before" },
            ].compactMap { $0 }
            if let first = given.first { throw ValidationError("\(first) needs --executor slurm") }
            return
        }
        guard tasks != nil else { throw ValidationError("--executor slurm needs --tasks N (tasks per phase)") }
        if let problem = options.problems.first { throw ValidationError(problem) }
    }

    /// Runs `pipeline` on Slurm. Returns the stats when every task completed (with --wait, or when the run
    /// was already complete); nil when the jobs were submitted and left to run (their ids are printed).
    func run(_ pipeline: Pipeline, failFast: Bool, signingKeyPath: String?, logger: Logger) throws -> RunStats? {
        let executor = SlurmExecutor(
            options: options, executable: try RunCommand.executablePath(),
            workingDirectory: FileManager.default.currentDirectoryPath, failFast: failFast, registry: Pipelines.registry,
            signingKeyPath: signingKeyPath, logger: logger)
        switch try executor.run(pipeline) {
        case let .submitted(runDirectory, arrays):
            print("submitted \(arrays.count) job arrays; logs in \(runDirectory)/logs/")
            let width = max(5, arrays.map(\.phase.count).max() ?? 0)
            for array in arrays {
                print("  \(array.phase.padding(toLength: width, withPad: " ", startingAt: 0))  job \(array.jobID)  array \(array.array)")
            }
            print("progress: winnow status \(runDirectory)")
            return nil
        case let .completed(stats):
            return stats
        }
    }
}
