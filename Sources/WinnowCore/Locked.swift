internal import Foundation

/// A value guarded by a lock: `withLock` runs its closure with exclusive access to the value.
///
/// Winnow uses this instead of `Synchronization.Mutex`. On Linux, `Mutex` is a futex driven by the
/// standard library, which ThreadSanitizer cannot see: every contended `Mutex` is reported as a Swift
/// access race under `swift test --sanitize=thread`, hiding real races among false ones (a twenty-line
/// program with four threads and one `Mutex<Set<String>>` is enough; see
/// docs/decisions/0016-faults-and-signals.md). `NSLock` is a pthread mutex, which ThreadSanitizer
/// intercepts, so its happens-before edges are seen. Uncontended, it costs about as much as `Mutex`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value and returns what it returns.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
