import CZstd
import WinnowCore

/// Compresses into a single zstd frame with a content checksum (readable by `zstd -d`), written to
/// another `ByteSink` in blocks of up to 1 MiB. Single-threaded, so equal input gives byte-identical output.
///
/// `finish()` ends the frame and leaves the sink open; `close()` finishes and closes it.
public final class ZstdCompressor: ByteSink {
    /// The compression level (zstd's range, typically 1...19, 3 by default).
    public let level: Int
    /// The path named by errors.
    public let path: String
    /// Bytes given to `write` so far.
    public private(set) var uncompressedBytes: Int64 = 0
    /// Compressed bytes handed to the sink so far (the whole frame after `finish()`).
    public private(set) var compressedBytes: Int64 = 0

    private var sink: any ByteSink
    private let context: OpaquePointer
    private let output: UnsafeMutableRawBufferPointer
    private var outputUsed = 0
    private var finished = false

    /// - Throws: `WinnowError(.invalidArgument)` for a level outside zstd's range.
    public init(sink: any ByteSink, level: Int = 3, path: String = "<zstd output>", bufferSize: Int = 1 << 20) throws {
        let range = Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel())
        guard range.contains(level) else {
            throw WinnowError(
                .invalidArgument, "zstd level \(level) is outside \(range.lowerBound)...\(range.upperBound)",
                at: WinnowError.Location(path: path), scope: .run)
        }
        precondition(bufferSize > 0, "bufferSize must be positive")
        guard let context = ZSTD_createCCtx() else {
            throw WinnowError(
                .io, "cannot create a zstd compression context", at: WinnowError.Location(path: path), scope: .task)
        }
        self.context = context
        self.sink = sink
        self.level = level
        self.path = path
        self.output = .allocate(byteCount: bufferSize, alignment: 16)
        for (parameter, value) in [(ZSTD_c_compressionLevel, Int32(level)), (ZSTD_c_checksumFlag, 1)] {
            let result = ZSTD_CCtx_setParameter(context, parameter, value)
            // On failure `deinit` frees the context and the buffer.
            if Zstd.isError(result) {
                throw Zstd.compressionError(result, path: path, operation: "setting a parameter")
            }
        }
    }

    deinit {
        ZSTD_freeCCtx(context)
        output.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else {
            throw WinnowError(
                .internalInconsistency, "write after the zstd stream was finished",
                at: WinnowError.Location(path: path), scope: .task)
        }
        guard bytes.count > 0 else { return }
        var inBuffer = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while inBuffer.pos < inBuffer.size {
            _ = try compressStep(&inBuffer, ZSTD_e_continue)
        }
        uncompressedBytes += Int64(bytes.count)
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Ends the frame (last block and checksum) and writes it to the sink. The sink stays open.
    public func finish() throws {
        guard !finished else { return }
        var inBuffer = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while try compressStep(&inBuffer, ZSTD_e_end) != 0 {}
        try flushOutput()
        finished = true
    }

    /// Finishes the frame and closes the sink.
    public func close() throws {
        try finish()
        try sink.close()
    }

    /// One `ZSTD_compressStream2` call into the free part of the output buffer; returns zstd's hint
    /// (0 once a flush or end is complete).
    private func compressStep(_ inBuffer: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws -> Int {
        if outputUsed == output.count { try flushOutput() }
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: outputUsed)
        let result = ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive)
        outputUsed = outBuffer.pos
        if Zstd.isError(result) { throw Zstd.compressionError(result, path: path, operation: "compression") }
        return result
    }

    private func flushOutput() throws {
        guard outputUsed > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(rebasing: output[..<outputUsed]))
        compressedBytes += Int64(outputUsed)
        outputUsed = 0
    }
}
