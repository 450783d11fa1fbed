/// What one task did, written to the run's work folder when the task completes and merged into the run's
/// `stats.json`. Every count adds up across tasks.
public struct TaskStats: Sendable, Hashable, Codable {
    public var phase: String
    public var rank: Int
    public var worldSize: Int
    /// Work units (input files, partitions, shards) this task processed.
    public var units: Int = 0
    /// Documents read from inputs (first segment) or from the previous segment.
    public var documentsIn: Int64 = 0
    /// Bytes of input read (compressed file bytes for readers, text bytes elsewhere).
    public var bytesIn: Int64 = 0
    /// Documents this task passed on (to the next segment, or lines written to shards).
    public var documentsOut: Int64 = 0
    /// Bytes passed on (text bytes, or compressed shard bytes for the shard writer).
    public var bytesOut: Int64 = 0
    /// Rejected records by error code.
    public var rejects: [String: Int64] = [:]
    /// Per-stage counts, in pipeline order.
    public var stages: [StageCounters] = []
    /// Wall-clock seconds the task took.
    public var seconds: Double = 0

    public init(phase: String, rank: Int, worldSize: Int) {
        self.phase = phase
        self.rank = rank
        self.worldSize = worldSize
    }

    public var rejectCount: Int64 { rejects.values.reduce(0, +) }

    public mutating func merge(_ other: TaskStats) {
        units += other.units
        documentsIn += other.documentsIn
        bytesIn += other.bytesIn
        documentsOut += other.documentsOut
        bytesOut += other.bytesOut
        rejects.merge(other.rejects, uniquingKeysWith: +)
        for counters in other.stages {
            if let index = stages.firstIndex(where: { $0.label == counters.label }) {
                stages[index].merge(counters)
            } else {
                stages.append(counters)
            }
        }
        seconds += other.seconds
    }
}
