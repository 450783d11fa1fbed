public import Logging

/// What a task knows about itself: its rank in the phase's world, the run it belongs to, and where stages may
/// keep their work files. The same stage code runs as a local worker or as a Slurm array task; only the
/// context differs.
public struct TaskContext: Sendable {
    /// This task's index, `0 ..< worldSize`.
    public var rank: Int
    /// How many tasks run this phase.
    public var worldSize: Int
    /// The phase name (for example `segment-0`, `dedup.exact/groups`, `shards/write`).
    public var phase: String
    /// The run's output directory.
    public var runDirectory: String
    /// Stop at the first rejected record (`--fail-fast`).
    public var failFast: Bool
    public var logger: Logger

    public init(rank: Int, worldSize: Int, phase: String, runDirectory: String, failFast: Bool = false, logger: Logger) {
        precondition(worldSize >= 1 && (0..<worldSize).contains(rank), "rank \(rank) out of 0..<\(worldSize)")
        self.rank = rank
        self.worldSize = worldSize
        self.phase = phase
        self.runDirectory = runDirectory
        self.failFast = failFast
        self.logger = logger
    }

    /// The work units of `count` that belong to this task: `rank, rank + worldSize, ...`.
    public func units(of count: Int) -> StrideTo<Int> {
        stride(from: rank, to: count, by: worldSize)
    }

    /// The private work directory of the stage labelled `label`.
    public func stageDirectory(_ label: String) -> String {
        "\(runDirectory)/work/stages/\(label)"
    }
}
