internal import Synchronization

/// A process-wide "stop soon" flag, set when the process receives SIGTERM, SIGINT or (in a Slurm task)
/// Slurm's pre-timeout signal; the CLI installs the handlers. Long loops check it between documents and
/// units and stop with an `interrupted` error; what a task already committed stays, and a rerun resumes.
///
/// The first request's signal is kept: the CLI's exit code depends on it (130 after SIGINT, 143 after
/// SIGTERM), and a Slurm task asks to be requeued when it was Slurm's pre-timeout signal.
public enum Interruption {
    /// A signal that asked for the stop.
    public struct Signal: Sendable, Hashable, CustomStringConvertible {
        /// The signal number on this platform.
        public var number: Int32
        /// Its conventional name, such as `SIGTERM`.
        public var name: String

        public init(number: Int32, name: String) {
            self.number = number
            self.name = name
        }

        public var description: String { name }
    }

    /// SIGINT's number, the same on Linux and macOS (for the exit code 130).
    public static let interruptSignal: Int32 = 2

    private static let flag = Atomic<Bool>(false)
    private static let first = Locked<Signal?>(nil)

    /// Asks every loop to stop; `signal` is what asked (nil when not a signal, such as a test). Only the
    /// first request's signal is kept.
    public static func request(_ signal: Signal? = nil) {
        first.withLock { first in
            if !flag.load(ordering: .relaxed) { first = signal }
            flag.store(true, ordering: .relaxed)
        }
    }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// The signal of the first request, or nil (no request, or one that was not a signal).
    public static var signal: Signal? { first.withLock { $0 } }

    /// Throws `interrupted` when a stop was requested.
    public static func check() throws {
        if isRequested {
            let by = signal.map { "by \($0.name)" } ?? "by a stop request"
            throw WinnowError(.interrupted, "stopped \(by); rerun the same command to resume", scope: .run)
        }
    }

}
