// The only file of WinnowIO that talks to the C library (Glibc on Linux, Darwin on macOS).
//
// Every system call goes through `Platform`, which retries on EINTR and turns a failing call into a
// `WinnowError(.io)` that names the path, the call and the errno text. The rest of the module never
// sees `errno`, file descriptors as raw integers from libc, or `stat` structures.

import WinnowCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#else
    #error("WinnowIO: unsupported platform")
#endif

/// A failed system call, attached as the `cause` of a `WinnowError(.io)`.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The C function that failed, such as `open` or `rename`.
    public var call: String
    /// The `errno` value it left.
    public var errno: Int32
    /// `strerror(errno)`.
    public var text: String

    public var description: String { "\(call): \(text) (errno \(errno))" }
}

/// What `Platform.fileStatus` reports about a path.
struct FileStatus {
    enum Kind { case regular, directory, symbolicLink, other }
    var kind: Kind
    var size: Int64
}

enum Platform {
    // MARK: Errors

    /// ENOENT, for errors about paths found missing without a failing call.
    static let noSuchFile = ENOENT

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// The `WinnowError` for the system call that just failed (reads `errno`).
    static func lastError(_ call: String, _ what: String, path: String, byteOffset: Int64? = nil) -> WinnowError {
        error(call, errno, what, path: path, byteOffset: byteOffset)
    }

    static func error(_ call: String, _ code: Int32, _ what: String, path: String, byteOffset: Int64? = nil)
        -> WinnowError
    {
        let cause = SystemCallError(call: call, errno: code, text: errorText(code))
        return WinnowError(
            .io, "\(what): \(cause.text)",
            at: WinnowError.Location(path: path, byteOffset: byteOffset), scope: .task, cause: cause)
    }

    // MARK: File descriptors

    static func openForReading(_ path: String) throws -> Int32 {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw lastError("open", "cannot open for reading", path: path)
        }
    }

    /// Creates (or truncates) a file for writing with mode 0644 (before the umask).
    static func createForWriting(_ path: String) throws -> Int32 {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw lastError("open", "cannot create file", path: path)
        }
    }

    /// Reads up to `buffer.count` bytes; returns 0 only at end of file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String, offset: Int64) throws -> Int
    {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = libcRead(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw lastError("read", "cannot read", path: path, byteOffset: offset)
        }
    }

    /// Reads up to `buffer.count` bytes at file offset `position` (pread).
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at position: Int64, path: String) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(fd, base, buffer.count, off_t(position))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw lastError("pread", "cannot read", path: path, byteOffset: position)
        }
    }

    /// Writes all of `bytes`, looping over short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String, offset: Int64) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        var written: Int64 = 0
        while remaining > 0 {
            let count = libcWrite(fd, base, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                throw lastError("write", "cannot write", path: path, byteOffset: offset + written)
            }
            base += count
            remaining -= count
            written += Int64(count)
        }
    }

    static func fsync(_ fd: Int32, path: String) throws {
        while libcFsync(fd) != 0 {
            if errno == EINTR { continue }
            throw lastError("fsync", "cannot flush to disk", path: path)
        }
    }

    /// Flushes a directory entry (after a rename) to disk.
    static func fsyncDirectory(_ path: String) throws {
        let fd = try openForReading(path)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    /// Closes a descriptor that was written, throwing when close reports an error (a deferred write failure,
    /// such as ENOSPC or EDQUOT on a network file system). The descriptor is closed either way.
    static func closeAfterWriting(_ fd: Int32, path: String) throws {
        if libcClose(fd) != 0 {
            let code = errno
            // Linux closes the descriptor even when close fails with EINTR: never retry, and EINTR is no
            // evidence of lost data.
            if code != EINTR { throw error("close", code, "cannot finish writing", path: path) }
        }
    }

    static func close(_ fd: Int32) {
        // Linux closes the descriptor even when close fails with EINTR: never retry.
        _ = libcClose(fd)
    }

    static func processID() -> Int32 { getpid() }

    // MARK: Paths

    /// The status of `path`, or nil when it does not exist. `followSymlinks: false` uses lstat.
    static func fileStatus(_ path: String, followSymlinks: Bool = true) throws -> FileStatus? {
        var info = stat()
        let result = followSymlinks ? stat(path, &info) : lstat(path, &info)
        if result != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw error(followSymlinks ? "stat" : "lstat", code, "cannot inspect", path: path)
        }
        let kind: FileStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        return FileStatus(kind: kind, size: Int64(info.st_size))
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST, let status = try fileStatus(path), status.kind == .directory { return }
        throw error("mkdir", code, "cannot create directory", path: path)
    }

    static func removeFile(_ path: String) throws {
        if unlink(path) != 0 { throw lastError("unlink", "cannot remove", path: path) }
    }

    /// Removes a file, ignoring "does not exist" (used to clean up temporary files).
    static func removeFileIfPresent(_ path: String) {
        _ = unlink(path)
    }

    static func removeDirectory(_ path: String) throws {
        if rmdir(path) != 0 { throw lastError("rmdir", "cannot remove directory", path: path) }
    }

    static func rename(_ source: String, _ destination: String) throws {
        if libcRename(source, destination) != 0 {
            let code = errno
            throw error("rename", code, "cannot rename to \(destination)", path: source)
        }
    }

    /// The names in a directory, without `.` and `..`, in the order the file system returns them.
    static func directoryEntries(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            throw lastError("opendir", "cannot list directory", path: path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw lastError("readdir", "cannot list directory", path: path) }
                return names
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// `fnmatch(3)` with FNM_PERIOD: a leading dot must be matched explicitly, as in the shell.
    static func matches(pattern: String, name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }

    // MARK: Memory

    /// The index of the first `byte` in `base[0..<count]`, or nil (memchr: vectorised by the C library).
    @inline(__always)
    static func firstIndex(of byte: UInt8, in base: UnsafeRawPointer, count: Int) -> Int? {
        guard count > 0, let found = memchr(base, Int32(byte), count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// Opens (creating) `path` and takes an exclusive, non-blocking flock; nil when another process holds it.
    static func tryLock(_ path: String) throws -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw lastError("open", "cannot open the lock file", path: path) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        let code = errno
        close(fd)
        if code == EWOULDBLOCK { return nil }
        throw error("flock", code, "cannot lock", path: path)
    }

    /// Moves `count` bytes from `source` to `destination` (the ranges may overlap).
    @inline(__always)
    static func moveBytes(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) {
        memmove(destination, source, count)
    }
}

// Unambiguous names for the C functions that `Platform` shadows with its own static methods.
@inline(__always) private func libcRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
@inline(__always) private func libcWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
@inline(__always) private func libcFsync(_ fd: Int32) -> Int32 { fsync(fd) }
@inline(__always) private func libcClose(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) private func libcRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
