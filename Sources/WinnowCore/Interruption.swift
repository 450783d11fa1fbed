internal import Synchronization

/// A process-wide "stop soon" flag, set when the process receives SIGTERM or SIGINT (the CLI installs the
/// handlers). Long loops check it between documents and units and stop with an `interrupted` error; what a
/// task already committed stays, and a rerun resumes.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)

    public static func request() { flag.store(true, ordering: .relaxed) }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `interrupted` when a stop was requested.
    public static func check() throws {
        if isRequested {
            throw WinnowError(.interrupted, "stopped by a signal (SIGTERM or SIGINT); rerun the same command to resume", scope: .run)
        }
    }
}
