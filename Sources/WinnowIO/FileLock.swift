import WinnowCore

/// An exclusive advisory lock (flock) on a file, held until `release()` or the process ends — also when the
/// process is killed, so a crashed run never leaves a stale lock behind.
public final class FileLock {
    public let path: String
    private var descriptor: Int32?

    /// Takes the lock, or returns nil at once when another process holds it.
    public static func acquire(_ path: String) throws -> FileLock? {
        guard let fd = try Platform.tryLock(path) else { return nil }
        return FileLock(path: path, descriptor: fd)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    public func release() {
        if let descriptor { Platform.close(descriptor) }
        descriptor = nil
    }

    deinit { release() }
}
