import ArgumentParser
import Foundation
import Logging
import Winnow
import WinnowPipelines
import WinnowReport

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline on this machine.",
        discussion: """
            Rerunning with the same output directory resumes: completed tasks are skipped. \
            Exit codes: 0 done, 1 a task failed, 64 usage, 65 --fail-fast stopped at a bad record, \
            66 no input, 70 internal error, 74 output not writable (disk full, read-only, ...), 75 locked by another run, \
            78 invalid plan or output holds another plan's run, 130 stopped by SIGINT, 143 stopped by SIGTERM.
            """
    )

    @Argument(help: "The pipeline name (see `winnow list`).")
    var name: String

    @Option(name: .long, help: "Input file, directory or glob; replaces the pipeline's inputs (repeatable).")
    var input: [String] = []

    @Option(name: .long, help: "Output directory; replaces the pipeline's.")
    var output: String?

    @Option(name: .long, help: "Parallel tasks per phase (default: the number of cores).")
    var workers: Int?

    @Flag(name: .long, help: "Stop at the first rejected record, with exit code 65.")
    var failFast = false

    @Flag(name: .long, help: "Run tasks as threads of this process instead of subprocesses.")
    var inProcess = false

    @Option(name: .long, help: "Sign the manifest with this Ed25519 key file (default: $WINNOW_SIGNING_KEY; see `winnow keygen`).")
    var signKey: String?

    @Flag(name: .long, help: "Log debug messages.")
    var verbose = false

    @Flag(name: .long, help: "Treat the output directory as a series of batches: read only inputs no earlier batch read, deduplicate against earlier batches' MinHash index.")
    var incremental = false

    @Option(name: .long, help: "Log format on standard error: text or json.")
    var logFormat: LogFormat = .text

    @Option(name: .long, help: "Write Prometheus metrics (node_exporter textfile format) to this file after the run.")
    var metricsFile: String?

    @OptionGroup(title: "Slurm executor")
    var slurm: SlurmRunOptions

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if incremental && slurm.isSlurm { throw ValidationError("--incremental does not work with --executor slurm yet") }
    }

    func run() throws {
        CLI.bootstrapLogging(verbose: verbose, format: logFormat)
        SignalHandling.install()
        if logFormat == .json { setenv("WINNOW_LOG_FORMAT", "json", 1) }  // for the task subprocesses
        let logger = Logger(label: "winnow")
        let started = Date()
        var pipelineName = name
        do {
            let pipeline = try CLI.pipeline(named: name).overriding(inputs: input, output: output)
            let launcher: TaskLauncher = inProcess ? .threads : .processes(executable: try Self.executablePath())
            var executor = LocalExecutor(
                workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                launcher: launcher, failFast: failFast, registry: Pipelines.registry,
                signingKeyPath: signKey ?? ProcessInfo.processInfo.environment["WINNOW_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 },
                logger: logger)
            if ProgressDisplay.isTerminal && logFormat == .text {
                let display = ProgressDisplay()
                executor.onProgress = { display.update($0) }
            }
            pipelineName = pipeline.name
            if incremental {
                switch try IncrementalRun(executor: executor).run(pipeline) {
                case .nothingNew(let container):
                    print("incremental: no new inputs since the last batch in \(container)/batches; nothing to do")
                    return
                case let .ran(batch, stats):
                    if let metricsFile {
                        try PrometheusMetrics.write(path: metricsFile, pipeline: pipeline.name, stats: stats, durationSeconds: Date().timeIntervalSince(started))
                    }
                    try RunReport.write(runDirectory: batch)
                    RunSummary.print(stats, output: batch)
                    return
                }
            }
            let stats: RunStats
            if slurm.isSlurm {
                // Submitted without --wait: the job ids are printed; nothing to summarize yet.
                guard let done = try slurm.run(pipeline, failFast: failFast, signingKeyPath: executor.signingKeyPath, logger: logger) else { return }
                stats = done
            } else {
                stats = try executor.run(pipeline)
            }
            if let metricsFile {
                try PrometheusMetrics.write(path: metricsFile, pipeline: pipeline.name, stats: stats, durationSeconds: Date().timeIntervalSince(started))
            }
            let output = (pipeline.stages.last as? any SinkStage)?.output ?? ""
            try RunReport.write(runDirectory: output)
            RunSummary.print(stats, output: output)
        } catch {
            if let metricsFile {
                do {
                    try PrometheusMetrics.write(path: metricsFile, pipeline: pipelineName, stats: nil, durationSeconds: Date().timeIntervalSince(started))
                } catch {
                    logger.error("cannot write the metrics file: \(error)")
                }
            }
            throw CLI.fail(error)
        }
    }

    static func executablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        guard let path = Bundle.main.executablePath else {
            throw WinnowError(.internalInconsistency, "cannot find the winnow executable to start tasks; use --in-process", scope: .run)
        }
        return path
    }
}

enum RunSummary {
    static func print(_ stats: RunStats, output: String) {
        Swift.print("pipeline        \(stats.pipeline) (plan \(stats.fingerprint.prefix(12)))")
        Swift.print("inputs          \(stats.inputs) files, \(stats.inputBytes) bytes")
        Swift.print("documents read  \(stats.documentsRead)")
        let rejects = stats.rejects.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Swift.print("rejected        \(stats.rejectCount)\(rejects.isEmpty ? "" : " (\(rejects)); see \(output)/rejects/")")
        for stage in stats.stages {
            let reasons = stage.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Swift.print("  \(stage.label): kept \(stage.kept), dropped \(stage.dropped)\(reasons.isEmpty ? "" : " (\(reasons))")")
        }
        Swift.print("documents out   \(stats.documentsWritten) in \(stats.shards) shards, \(stats.shardBytes) bytes")
        Swift.print("output          \(output)")
        Swift.print("wall time       \(Double(Int(stats.wallSeconds * 100)) / 100) s")
    }
}
