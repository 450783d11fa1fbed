public import WinnowCore

/// The run's `stats.json`: totals, per-stage counts in pipeline order, and every phase's merged task stats.
public struct RunStats: Sendable, Codable {
    public struct PhaseStats: Sendable, Codable {
        public var name: String
        public var tasks: Int
        /// The longest task's seconds (the phase's critical path).
        public var maxTaskSeconds: Double
        public var merged: TaskStats
    }

    public var pipeline: String
    public var fingerprint: String
    public var workers: Int
    public var inputs: Int
    public var inputBytes: Int64
    /// Documents read from the inputs (records that parsed).
    public var documentsRead: Int64
    /// Records rejected by the readers, by error code.
    public var rejects: [String: Int64]
    /// Documents written to shards.
    public var documentsWritten: Int64
    public var shards: Int
    public var shardBytes: Int64
    /// The distribution of the written documents' weights (merged over the inputs in input order).
    public var weights: WeightDistribution?
    /// Per-stage counts, in pipeline order, over all segments.
    public var stages: [StageCounters]
    public var phases: [PhaseStats]
    public var wallSeconds: Double

    public var rejectCount: Int64 { rejects.values.reduce(0, +) }
    public var documentsDropped: Int64 { stages.reduce(0) { $0 + $1.dropped } }
}
