/// The bytes of a file, read sequentially with `read(2)`; the descriptor is closed at end of stream,
/// by `close()`, or when the source is released.
public final class FileByteSource: ByteSource {
    /// The path the source was opened with (named by every error).
    public let path: String
    /// Bytes handed out by `read(into:)` so far (the offset of the next byte in the file).
    public private(set) var bytesRead: Int64 = 0

    private var descriptor: Int32?
    /// Bytes already read from the file by `peek` and not yet handed out.
    private var lookahead: [UInt8] = []

    /// Opens `path` for reading.
    ///
    /// - Throws: `WinnowError(.io)` naming the path and the system's reason (such as "No such file
    ///   or directory").
    public init(path: String) throws {
        self.path = path
        self.descriptor = try Platform.openForReading(path)
    }

    deinit {
        if let descriptor { Platform.close(descriptor) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if !lookahead.isEmpty {
            let count = min(buffer.count, lookahead.count)
            lookahead.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            lookahead.removeFirst(count)
            bytesRead += Int64(count)
            return count
        }
        guard let descriptor else { return 0 }
        let count = try Platform.read(descriptor, into: buffer, path: path, offset: bytesRead)
        if count == 0 {
            close()
        }
        bytesRead += Int64(count)
        return count
    }

    /// The next `count` bytes (fewer at end of file), without consuming them: the following reads
    /// return them again. Used to sniff the compression format.
    public func peek(_ count: Int) throws -> [UInt8] {
        var scratch = [UInt8](repeating: 0, count: count)
        while lookahead.count < count, let descriptor {
            let missing = count - lookahead.count
            let got = try scratch.withUnsafeMutableBytes {
                try Platform.read(
                    descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<missing]),
                    path: path, offset: bytesRead + Int64(lookahead.count))
            }
            if got == 0 {
                close()
                break
            }
            lookahead.append(contentsOf: scratch[..<got])
        }
        return Array(lookahead.prefix(count))
    }

    /// Closes the file now; later reads return 0 (after any peeked bytes).
    public func close() {
        if let descriptor {
            Platform.close(descriptor)
            self.descriptor = nil
        }
    }
}
