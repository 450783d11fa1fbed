/// A Slurm job (or array task) state as `squeue -o %T` prints it (squeue(1), "JOB STATE CODES").
public struct SlurmJobState: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let pending: SlurmJobState = "PENDING"
    public static let running: SlurmJobState = "RUNNING"
    public static let completing: SlurmJobState = "COMPLETING"
    public static let completed: SlurmJobState = "COMPLETED"
    public static let failed: SlurmJobState = "FAILED"
    public static let cancelled: SlurmJobState = "CANCELLED"
    public static let timeout: SlurmJobState = "TIMEOUT"
    public static let outOfMemory: SlurmJobState = "OUT_OF_MEMORY"
    public static let nodeFail: SlurmJobState = "NODE_FAIL"
    public static let preempted: SlurmJobState = "PREEMPTED"
    public static let bootFail: SlurmJobState = "BOOT_FAIL"
    public static let deadline: SlurmJobState = "DEADLINE"

    /// States in which a job ended without success.
    private static let failures: [SlurmJobState] = [
        .failed, .cancelled, .timeout, .outOfMemory, .nodeFail, .preempted, .bootFail, .deadline, "REVOKED", "SPECIAL_EXIT",
    ]

    /// The job has ended (successfully or not); every other state (pending, running, completing, suspended,
    /// requeued, ...) may still change.
    public var isFinal: Bool { self == .completed || isFailure }

    /// The job ended without success.
    public var isFailure: Bool { Self.failures.contains(self) }
}
