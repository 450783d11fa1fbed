/// Run-wide settings of a pipeline that are not a stage's.
public struct PipelineOptions: Sendable, Hashable, Codable {
    /// A task fails when more than this fraction of its records are rejected (nil: never, the rejects are
    /// only counted and quarantined).
    public var maxRejectFraction: Double?

    public init(maxRejectFraction: Double? = nil) {
        self.maxRejectFraction = maxRejectFraction
    }
}
