/// Per-stage counts: how many documents a stage saw, kept and dropped, and why.
public struct StageCounters: Sendable, Hashable, Codable {
    public var label: String
    public var stage: String
    public var seen: Int64 = 0
    public var kept: Int64 = 0
    public var dropped: Int64 = 0
    /// Drop counts by reason.
    public var reasons: [String: Int64] = [:]

    public init(label: String, stage: String) {
        self.label = label
        self.stage = stage
    }

    public mutating func record(_ decision: Decision) {
        seen += 1
        switch decision {
        case .keep: kept += 1
        case .drop(let reason, _):
            dropped += 1
            reasons[reason, default: 0] += 1
        }
    }

    public mutating func merge(_ other: StageCounters) {
        seen += other.seen
        kept += other.kept
        dropped += other.dropped
        reasons.merge(other.reasons, uniquingKeysWith: +)
    }
}
