public import Logging
public import WinnowCore
internal import WinnowIO
internal import WinnowShards

/// Runs a pipeline on this machine with `workers` tasks per phase.
///
/// It prepares the run directory, then runs the phases in order; each phase has `workers` tasks, rank `r`
/// taking work units `r, r + workers, ...`, started as threads or `winnow task` subprocesses. Tasks whose
/// completion marker exists are skipped, so a rerun after a failure or a kill resumes. At the end the task
/// stats are merged into `stats.json`. Outputs do not depend on `workers`.
public struct LocalExecutor: Sendable {
    public var workers: Int
    public var launcher: TaskLauncher
    public var failFast: Bool
    public var registry: StageRegistry
    public var logger: Logger
    /// The Ed25519 key file that signs the manifest, if any.
    public var signingKeyPath: String?
    /// The earlier batch this run follows (set by ``IncrementalRun``); recorded in the manifest.
    public var predecessor: RunInfo.Predecessor?
    /// Called about every 200 ms during a phase with its progress so far (for a terminal display), and with
    /// nil when the phase ends.
    public var onProgress: (@Sendable (PhaseProgress?) -> Void)?

    /// A phase's progress: work units done of all, documents and input bytes so far, time since it began.
    public struct PhaseProgress: Sendable {
        public var phase: String
        public var unitsDone: Int
        public var units: Int?
        public var documents: Int64
        public var bytes: Int64
        public var totalBytes: Int64?
        public var seconds: Double
    }

    public init(
        workers: Int, launcher: TaskLauncher = .threads, failFast: Bool = false, registry: StageRegistry,
        signingKeyPath: String? = nil, logger: Logger
    ) {
        precondition(workers >= 1, "workers must be at least 1")
        self.workers = workers
        self.launcher = launcher
        self.failFast = failFast
        self.registry = registry
        self.signingKeyPath = signingKeyPath
        self.logger = logger
    }

    /// Runs `pipeline`; returns the merged stats. Throws the first task's error when a phase fails.
    public func run(_ pipeline: Pipeline) throws -> RunStats {
        let clock = ContinuousClock()
        let start = clock.now
        let plan = try Plan(pipeline)
        guard let sink = pipeline.stages.last as? any SinkStage else {
            throw WinnowError(.invalidPlan, "pipeline '\(pipeline.name)' has no writer", scope: .run)
        }
        let layout = RunLayout(root: sink.output)
        // Tasks rebuild the pipeline from plan.json; make sure this build can.
        _ = try registry.pipeline(for: plan)
        // One run at a time per output directory (cron overlap): the lock dies with the process.
        try FileSystem.createDirectory(layout.root)
        guard let lock = try FileLock.acquire(layout.lockFile) else {
            throw WinnowError(.locked, "another winnow run holds the lock on this output directory; not starting", at: .init(path: layout.lockFile), scope: .run)
        }
        defer { lock.release() }
        let inputs = try RunPreparation.prepare(plan: plan, pipeline: pipeline, layout: layout, predecessor: predecessor)
        logger.info("run '\(pipeline.name)': \(inputs.count) inputs, \(workers) workers, plan \(plan.fingerprint.prefix(12)), output \(layout.root)")

        let runner = TaskRunner(
            runDirectory: layout.root, registry: registry, failFast: failFast, signingKeyPath: signingKeyPath, logger: logger)
        let phases = ExecutionPhase.phases(of: pipeline.stages)
        for phase in phases {
            try Interruption.check()
            let pending = try (0..<workers).filter {
                try !FileSystem.fileExists(layout.markerFile(phase: phase.name, rank: $0, worldSize: workers))
            }
            if pending.isEmpty {
                logger.info("phase \(phase.name): already complete")
                continue
            }
            let phaseStart = clock.now
            let report = self.onProgress
            var phaseUnits: Int? = nil
            var phaseBytes: Int64? = nil
            if case let .segment(index, _, _, _, _) = phase.kind {
                phaseUnits = inputs.count
                if index == 0 { phaseBytes = inputs.reduce(0) { $0 + $1.bytes } }
            }
            let phaseName = phase.name
            // Ranks beyond the phase's work units only record empty stats and their marker: as threads of this
            // process they cost no process start (about 50 M instructions each).
            var working = pending
            if case .processes = launcher, let units = try Self.units(of: phase, inputs: inputs.count, layout: layout) {
                let idle = pending.filter { $0 >= units }
                working = pending.filter { $0 < units }
                let idleFailures = TaskLauncher.threads.run(
                    phase: phase.name, ranks: idle, worldSize: workers, parallelism: 1, runner: runner)
                if let first = idleFailures.first { throw first.error }
            }
            let failures = launcher.run(
                phase: phase.name, ranks: working, worldSize: workers, parallelism: workers, runner: runner,
                tick: {
                    guard let report else { return }
                    let progress = ProgressWriter.total(layout: layout, phase: phaseName)
                    report(PhaseProgress(
                        phase: phaseName, unitsDone: progress.units, units: phaseUnits, documents: progress.documents,
                        bytes: progress.bytes, totalBytes: phaseBytes, seconds: TaskRunner.seconds(clock.now - phaseStart)))
                })
            report?(nil)
            if let interrupted = failures.first(where: { $0.error.code == .interrupted }) ?? (Interruption.isRequested ? failures.first : nil) {
                let by = Interruption.signal.map { "by \($0.name)" } ?? "by a signal"
                logger.warning("phase \(phase.name) stopped \(by); rerun the same command to resume")
                throw WinnowError(
                    .interrupted, "stopped \(by) during phase \(phase.name): completed tasks and work units are kept, nothing partial is visible; rerun the same command to resume",
                    at: .init(path: layout.root), scope: .run, cause: interrupted.error)
            }
            if let first = failures.first {
                for failure in failures {
                    logger.error("phase \(phase.name), task \(failure.rank): \(failure.error)")
                }
                throw first.error
            }
            try Interruption.check()
            logger.info("phase \(phase.name): \(pending.count) tasks in \(Self.format(TaskRunner.seconds(clock.now - phaseStart))) s")
        }

        // The manifest phase wrote the merged stats.
        var stats = try JSONCoding.decode(RunStats.self, from: try RunFiles.readRunFile(layout.statsFile, what: "stats"))
        stats.wallSeconds = TaskRunner.seconds(clock.now - start)
        return stats
    }

    /// How many work units `phase` has (rank `r` takes units `r, r + workers, ...`), when known before it runs.
    static func units(of phase: ExecutionPhase, inputs: Int, layout: RunLayout) throws -> Int? {
        switch phase.kind {
        case .segment, .lineage: inputs
        case .global(_, _, let units): units
        case .shardLayout, .manifest: 1
        case .shardWrite:
            try JSONCoding.decode(ShardLayout.self, from: try RunFiles.readRunFile(layout.layoutFile, what: "shard layout"))
                .shards.count
        }
    }

    static func format(_ seconds: Double) -> String {
        String(Double(Int(seconds * 100)) / 100)
    }

    /// Merges the per-task stats of the current world size into ``RunStats``.
    static func mergeStats(
        plan: Plan, phases: [ExecutionPhase], inputs: [InputDescriptor], layout: RunLayout, workers: Int
    ) throws -> RunStats {
        var phaseStats: [RunStats.PhaseStats] = []
        var stageCounters: [String: StageCounters] = [:]
        var documentsRead: Int64 = 0
        var rejects: [String: Int64] = [:]
        var written: Int64 = 0
        var shardBytes: Int64 = 0
        var shards = 0
        for phase in phases {
            var merged = TaskStats(phase: phase.name, rank: 0, worldSize: workers)
            var longest = 0.0
            for rank in 0..<workers {
                let path = layout.taskStatsFile(phase: phase.name, rank: rank, worldSize: workers)
                let task = try JSONCoding.decode(TaskStats.self, from: try RunFiles.readRunFile(path, what: "task stats"))
                merged.merge(task)
                longest = max(longest, task.seconds)
            }
            merged.rank = 0
            switch phase.kind {
            case let .segment(index, _, _, _, _):
                if index == 0 { documentsRead = merged.documentsIn }
                rejects.merge(merged.rejects, uniquingKeysWith: +)
                for counters in merged.stages {
                    stageCounters[counters.label, default: StageCounters(label: counters.label, stage: counters.stage)].merge(counters)
                }
            case .shardWrite:
                written = merged.documentsOut
                shardBytes = merged.bytesOut
                shards = merged.units
            default:
                break
            }
            phaseStats.append(.init(name: phase.name, tasks: workers, maxTaskSeconds: longest, merged: merged))
        }
        let ordered = plan.stages.compactMap { stageCounters[$0.label] }
        var weights: WeightDistribution?
        let lastSegment = phases.compactMap { phase -> Int? in
            if case let .segment(index, _, _, _, true) = phase.kind { return index }
            return nil
        }.first
        if let lastSegment {
            // Work files of a run prepared by a Winnow without weight summaries have none: no distribution then.
            var merged: WeightDistribution? = WeightDistribution()
            for input in inputs {
                let path = layout.weightsFile(segment: lastSegment, unit: input.index)
                guard try FileSystem.fileExists(path) else {
                    merged = nil
                    break
                }
                merged?.merge(try JSONCoding.decode(WeightDistribution.self, from: try FileSystem.readFile(path)))
            }
            weights = merged
        }
        return RunStats(
            pipeline: plan.pipeline, fingerprint: plan.fingerprint, workers: workers,
            inputs: inputs.count, inputBytes: inputs.reduce(0) { $0 + $1.bytes },
            documentsRead: documentsRead, rejects: rejects, documentsWritten: written,
            shards: shards, shardBytes: shardBytes, weights: weights, stages: ordered, phases: phaseStats, wallSeconds: 0)
    }
}
