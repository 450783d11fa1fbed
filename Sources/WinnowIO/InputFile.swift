/// A file opened for streaming, decompressed on the fly when it is gzip or zstd.
///
/// The format is detected from the first bytes (magic numbers), never from the file name, so a
/// mislabelled `.jsonl.gz` that is plain text still reads correctly.
///
///     let input = try InputFile.open("/data/cc/part-0001.jsonl.zst", maxExpansionRatio: 1000)
///     let lines = LineReader(source: input, path: input.path)
public final class InputFile: ByteSource {
    /// The path the file was opened with.
    public let path: String
    /// The detected format.
    public let compression: Compression

    private enum Backing {
        case plain(FileByteSource)
        case gzip(GzipDecompressor)
        case zstd(ZstdDecompressor)
    }

    private let file: FileByteSource
    private let backing: Backing

    /// Opens `path`, detecting its compression by magic bytes.
    ///
    /// - Parameter maxExpansionRatio: for compressed files, the largest allowed ratio of decompressed
    ///   to compressed bytes (see `GzipDecompressor.maxExpansionRatio`); nil for no limit.
    /// - Throws: `WinnowError(.io)` when the file cannot be opened or read.
    public static func open(_ path: String, maxExpansionRatio: Double? = nil) throws -> InputFile {
        try InputFile(path: path, maxExpansionRatio: maxExpansionRatio)
    }

    /// See `open(_:maxExpansionRatio:)`.
    public init(path: String, maxExpansionRatio: Double? = nil) throws {
        let file = try FileByteSource(path: path)
        let compression = Compression.sniff(try file.peek(4))
        self.path = path
        self.file = file
        self.compression = compression
        switch compression {
        case .none:
            backing = .plain(file)
        case .gzip:
            backing = .gzip(try GzipDecompressor(source: file, path: path, maxExpansionRatio: maxExpansionRatio))
        case .zstd:
            backing = .zstd(try ZstdDecompressor(source: file, path: path, maxExpansionRatio: maxExpansionRatio))
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        switch backing {
        case .plain(let file): try file.read(into: buffer)
        case .gzip(let decompressor): try decompressor.read(into: buffer)
        case .zstd(let decompressor): try decompressor.read(into: buffer)
        }
    }

    /// Bytes read from the file so far (compressed bytes for compressed files; for progress reports).
    public var fileBytesRead: Int64 { file.bytesRead }

    /// Called with (compressed offset, decompressed offset) whenever a gzip member starts (gzip files only);
    /// see `GzipDecompressor.memberStartHandler`.
    public var gzipMemberStartHandler: ((_ compressedOffset: Int64, _ decompressedOffset: Int64) -> Void)? {
        get {
            if case .gzip(let decompressor) = backing { return decompressor.memberStartHandler }
            return nil
        }
        set {
            if case .gzip(let decompressor) = backing { decompressor.memberStartHandler = newValue }
        }
    }

    /// Where the current gzip member or zstd frame began in the file (0 for uncompressed files).
    public var memberStartOffset: Int64 {
        switch backing {
        case .plain: 0
        case .gzip(let decompressor): decompressor.memberStartOffset
        case .zstd(let decompressor): decompressor.memberStartOffset
        }
    }
}
