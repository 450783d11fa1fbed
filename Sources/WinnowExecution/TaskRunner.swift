public import Logging
public import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowShards

/// Runs one task: one rank of one phase of a prepared run. This is the unit that a local worker, a
/// subprocess (`winnow task`) or a Slurm array task executes; it reads everything it needs from the run
/// directory (`plan.json`, `inputs.json`, the previous phases' files), writes its outputs under temporary
/// names and renames them, then its stats, and its completion marker last. A task whose marker exists is
/// skipped, so reruns only redo what did not finish.
public struct TaskRunner: Sendable {
    public let layout: RunLayout
    public let registry: StageRegistry
    public let failFast: Bool
    public let logger: Logger
    /// The Ed25519 key file that signs the manifest (see `winnow keygen`), if any.
    public let signingKeyPath: String?

    public init(runDirectory: String, registry: StageRegistry, failFast: Bool = false, signingKeyPath: String? = nil, logger: Logger) {
        self.layout = RunLayout(root: runDirectory)
        self.registry = registry
        self.failFast = failFast
        self.signingKeyPath = signingKeyPath
        self.logger = logger
    }

    /// The outcome of ``run(phase:rank:worldSize:)``.
    public enum Outcome: Sendable {
        case completed(TaskStats)
        case alreadyComplete
    }

    @discardableResult
    public func run(phase name: String, rank: Int, worldSize: Int) throws -> Outcome {
        let marker = layout.markerFile(phase: name, rank: rank, worldSize: worldSize)
        if try FileSystem.fileExists(marker) { return .alreadyComplete }

        let plan = try RunFiles.loadPlan(layout)
        let pipeline = try registry.pipeline(for: plan)
        let inputs = try RunFiles.loadInputs(layout)
        let phases = ExecutionPhase.phases(of: pipeline.stages)
        guard let phase = phases.first(where: { $0.name == name }) else {
            throw WinnowError(.invalidArgument, "pipeline '\(plan.pipeline)' has no phase '\(name)' (phases: \(phases.map(\.name).joined(separator: ", ")))", scope: .run)
        }
        var taskLogger = logger
        taskLogger[metadataKey: "phase"] = "\(name)"
        taskLogger[metadataKey: "rank"] = "\(rank)/\(worldSize)"
        let context = TaskContext(
            rank: rank, worldSize: worldSize, phase: name, runDirectory: layout.root, failFast: failFast, logger: taskLogger)

        let clock = ContinuousClock()
        let start = clock.now
        var stats = TaskStats(phase: name, rank: rank, worldSize: worldSize)
        switch phase.kind {
        case let .segment(index, applying, stages, collecting, isLast):
            var segment = SegmentTask(
                layout: layout, pipeline: pipeline, inputs: inputs, context: context,
                index: index, applying: applying, stageIndices: stages, collecting: collecting, isLast: isLast)
            try segment.run(stats: &stats)
        case let .global(stageIndex, phaseName, units):
            guard let barrier = pipeline.stages[stageIndex] as? any BarrierStage else {
                throw WinnowError(.internalInconsistency, "stage \(stageIndex) is not a barrier stage", scope: .run)
            }
            for unit in context.units(of: units) {
                try Interruption.check()
                try barrier.runGlobal(phase: phaseName, unit: unit, context: context)
                stats.units += 1
                FaultInjection.checkpoint(phase: name, rank: rank, point: String(unit))
            }
        case .shardLayout:
            if rank == 0 {
                try ShardTask(layout: layout, pipeline: pipeline, inputs: inputs, context: context).planLayout(stats: &stats)
            }
        case .shardWrite:
            try ShardTask(layout: layout, pipeline: pipeline, inputs: inputs, context: context).writeShards(stats: &stats)
        case .lineage:
            try LineageTask(layout: layout, pipeline: pipeline, inputs: inputs, context: context).run(stats: &stats)
        case .manifest:
            if rank == 0 {
                try ManifestTask(
                    layout: layout, plan: plan, pipeline: pipeline, inputs: inputs, context: context, signingKeyPath: signingKeyPath
                ).run(stats: &stats)
            }
        }
        stats.seconds = Self.seconds(clock.now - start)

        let statsPath = layout.taskStatsFile(phase: name, rank: rank, worldSize: worldSize)
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: statsPath))
        try FileSystem.writeFileAtomically(statsPath, try JSONCoding.prettyBytes(stats))
        FaultInjection.checkpoint(phase: name, rank: rank, point: "marker")
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: marker))
        try FileSystem.writeFileAtomically(marker, Array("done\n".utf8))
        return .completed(stats)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
