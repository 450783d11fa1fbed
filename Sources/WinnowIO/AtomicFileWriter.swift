import WinnowCore

/// Writes a file under a temporary name and renames it to its final name on `commit()`, so nothing is
/// ever visible under the final name until the content is complete.
///
/// The temporary file is `<path>.tmp-<pid>` in the same directory (a rename within one file system is
/// atomic). `abandon()` deletes it, and so does `deinit` when neither `commit` nor `abandon` was
/// called — a writer dropped by an error leaves nothing behind. Committing over an existing file
/// replaces it (reruns are idempotent).
///
/// Writes are buffered (1 MiB by default). `close()` (the `ByteSink` end of stream) commits without
/// fsync. Two writers of one process may not write the same path at once (the second `init` throws).
public final class AtomicFileWriter: ByteSink {
    /// The final path.
    public let path: String
    /// The temporary path written until `commit()`.
    public let temporaryPath: String
    /// Bytes written so far (including those still buffered).
    public private(set) var bytesWritten: Int64 = 0

    private enum State { case open, committed, abandoned }

    private var descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var state = State.open

    /// Temporary paths of this process's open writers.
    private static let openTemporaryPaths = Locked<Set<String>>([])

    /// Creates `<path>.tmp-<pid>` (truncating a stale one left by an earlier process with the same id).
    ///
    /// - Throws: `WinnowError(.io)` when the temporary file cannot be created (such as a missing
    ///   directory), or when another writer of this process is writing the same path.
    public init(path: String, bufferSize: Int = 1 << 20) throws {
        precondition(bufferSize > 0, "bufferSize must be positive")
        let temporaryPath = "\(path).tmp-\(Platform.processID())"
        let claimed = Self.openTemporaryPaths.withLock { $0.insert(temporaryPath).inserted }
        guard claimed else {
            throw WinnowError(
                .io, "another writer of this process is already writing this file",
                at: WinnowError.Location(path: path),
                scope: .task)
        }
        do {
            descriptor = try Platform.createForWriting(temporaryPath)
        } catch {
            _ = Self.openTemporaryPaths.withLock { $0.remove(temporaryPath) }
            throw error
        }
        self.path = path
        self.temporaryPath = temporaryPath
        self.buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        if state == .open { abandon() }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard state == .open else { throw notOpen("write") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count <= buffer.count - buffered {
            (buffer.baseAddress! + buffered).copyMemory(from: base, byteCount: bytes.count)
            buffered += bytes.count
        } else {
            try flush()
            if bytes.count < buffer.count {
                buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count)
                buffered = bytes.count
            } else {
                try Platform.writeAll(descriptor, bytes, path: temporaryPath, offset: bytesWritten)
            }
        }
        bytesWritten += Int64(bytes.count)
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes what is buffered, optionally fsyncs the file, and renames it to `path` (with `fsync`,
    /// the directory is fsynced too, so the rename survives a crash). On failure the temporary file
    /// is deleted and the error rethrown.
    public func commit(fsync: Bool = false) throws {
        guard state == .open else { throw notOpen("commit") }
        var descriptorOpen = true
        do {
            try flush()
            if fsync { try Platform.fsync(descriptor, path: temporaryPath) }
            // A file system may report a failed write only at close (NFS, a full quota): check it.
            descriptorOpen = false
            try Platform.closeAfterWriting(descriptor, path: temporaryPath)
            state = .committed
            release()
            try Platform.rename(temporaryPath, path)
            if fsync { try Platform.fsyncDirectory(FileSystem.parentDirectory(of: path)) }
        } catch {
            Platform.removeFileIfPresent(temporaryPath)
            if state == .open {
                if descriptorOpen { Platform.close(descriptor) }
                release()
            }
            state = .abandoned
            throw error
        }
    }

    /// Deletes the temporary file; nothing appears under `path`. Does nothing after `commit()`.
    public func abandon() {
        guard state == .open else { return }
        Platform.close(descriptor)
        Platform.removeFileIfPresent(temporaryPath)
        state = .abandoned
        release()
    }

    /// Commits (without fsync).
    public func close() throws {
        try commit()
    }

    private func flush() throws {
        guard buffered > 0 else { return }
        try Platform.writeAll(
            descriptor, UnsafeRawBufferPointer(rebasing: buffer[..<buffered]), path: temporaryPath,
            offset: bytesWritten - Int64(buffered))
        buffered = 0
    }

    private func release() {
        _ = Self.openTemporaryPaths.withLock { $0.remove(temporaryPath) }
    }

    private func notOpen(_ operation: String) -> WinnowError {
        WinnowError(
            .internalInconsistency,
            "\(operation) on a file that was already \(state == .committed ? "committed" : "abandoned")",
            at: WinnowError.Location(path: path), scope: .task)
    }
}
