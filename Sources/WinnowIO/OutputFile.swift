import WinnowCore

/// An output file written atomically (see `AtomicFileWriter`) through an optional compressor.
///
///     let output = try OutputFile(path: "out/part-0000.jsonl.zst", compression: .zstd)
///     try output.write(Array("{\"id\":\"a\"}\n".utf8))
///     let size = try output.commit()
///
/// Dropping an `OutputFile` without `commit()` abandons it: nothing appears under `path`.
public final class OutputFile: ByteSink {
    /// The final path.
    public let path: String
    /// The compression applied.
    public let compression: Compression

    private enum Encoder {
        case none
        case gzip(GzipCompressor)
        case zstd(ZstdCompressor)
    }

    private let file: AtomicFileWriter
    private let encoder: Encoder
    /// Bytes given to `write` so far (before compression).
    public private(set) var uncompressedBytes: Int64 = 0

    /// Creates the temporary file and the compressor.
    ///
    /// - Parameter level: the compression level (gzip 0...9, default 6; zstd's range, default 3);
    ///   ignored for `.none`.
    /// - Throws: `WinnowError(.io)` when the file cannot be created, `.invalidArgument` for a bad level.
    public init(path: String, compression: Compression, level: Int? = nil) throws {
        let file = try AtomicFileWriter(path: path)
        self.path = path
        self.compression = compression
        self.file = file
        switch compression {
        case .none:
            encoder = .none
        case .gzip:
            encoder = .gzip(try GzipCompressor(sink: file, level: level ?? 6, path: path))
        case .zstd:
            encoder = .zstd(try ZstdCompressor(sink: file, level: level ?? 3, path: path))
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        switch encoder {
        case .none: try file.write(bytes)
        case .gzip(let gzip): try gzip.write(bytes)
        case .zstd(let zstd): try zstd.write(bytes)
        }
        uncompressedBytes += Int64(bytes.count)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes the compressed stream, commits the file under `path`, and returns its size in bytes.
    @discardableResult
    public func commit(fsync: Bool = false) throws -> Int64 {
        do {
            switch encoder {
            case .none: break
            case .gzip(let gzip): try gzip.finish()
            case .zstd(let zstd): try zstd.finish()
            }
        } catch {
            file.abandon()
            throw error
        }
        try file.commit(fsync: fsync)
        return file.bytesWritten
    }

    /// Deletes the temporary file; nothing appears under `path`.
    public func abandon() {
        file.abandon()
    }

    /// Commits (without fsync).
    public func close() throws {
        try commit()
    }
}
