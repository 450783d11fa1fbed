import CZlib
import WinnowCore

/// Compresses into a single standard gzip member (readable by gzip, zcat, Python's gzip), written
/// to another `ByteSink` in blocks of up to 1 MiB.
///
/// The header carries no file name and a zero modification time, so equal input gives byte-identical
/// output. `finish()` writes the trailer and leaves the sink open; `close()` finishes and closes it.
public final class GzipCompressor: ByteSink {
    /// The compression level, 0 (store) ... 9 (smallest); 6 by default.
    public let level: Int
    /// The path named by errors.
    public let path: String
    /// Bytes given to `write` so far.
    public private(set) var uncompressedBytes: Int64 = 0
    /// Compressed bytes handed to the sink so far (the whole member after `finish()`).
    public private(set) var compressedBytes: Int64 = 0

    private var sink: any ByteSink
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private var outputUsed = 0
    private var finished = false

    /// - Throws: `WinnowError(.invalidArgument)` for a level outside 0...9.
    public init(sink: any ByteSink, level: Int = 6, path: String = "<gzip output>", bufferSize: Int = 1 << 20) throws {
        guard (0...9).contains(level) else {
            throw WinnowError(
                .invalidArgument, "gzip level \(level) is outside 0...9", at: WinnowError.Location(path: path),
                scope: .run)
        }
        precondition(bufferSize > 0, "bufferSize must be positive")
        self.sink = sink
        self.level = level
        self.path = path
        self.output = .allocate(byteCount: min(bufferSize, Int(UInt32.max)), alignment: 16)
        self.stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = CZlib_deflateInitGzip(stream, Int32(level))
        // On failure `deinit` releases the buffers (deflateEnd is harmless on a stream that never started).
        guard status == Z_OK else { throw Zlib.initError(status, path: path, operation: "compression") }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else { throw writeAfterFinish() }
        guard var next = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let piece = min(remaining, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: next.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(piece)
            while stream.pointee.avail_in > 0 {
                try deflateStep(Z_NO_FLUSH)
            }
            next += piece
            remaining -= piece
        }
        uncompressedBytes += Int64(bytes.count)
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes the end of the member (the last deflate block, CRC-32 and length) to the sink.
    /// The sink stays open; later writes are errors.
    public func finish() throws {
        guard !finished else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try deflateStep(Z_FINISH) != Z_STREAM_END {}
        try flushOutput()
        finished = true
    }

    /// Finishes the member and closes the sink.
    public func close() throws {
        try finish()
        try sink.close()
    }

    /// One `deflate` call into the free part of the output buffer, flushing it to the sink when full.
    @discardableResult
    private func deflateStep(_ flush: Int32) throws -> Int32 {
        if outputUsed == output.count { try flushOutput() }
        stream.pointee.next_out = (output.baseAddress! + outputUsed).assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(output.count - outputUsed)
        let status = deflate(stream, flush)
        outputUsed = output.count - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK, Z_STREAM_END: return status
        case Z_BUF_ERROR where stream.pointee.avail_out > 0 && flush == Z_NO_FLUSH: return status
        default: throw Zlib.deflateError(status, stream, path: path)
        }
    }

    private func flushOutput() throws {
        guard outputUsed > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(rebasing: output[..<outputUsed]))
        compressedBytes += Int64(outputUsed)
        outputUsed = 0
    }

    private func writeAfterFinish() -> WinnowError {
        WinnowError(
            .internalInconsistency, "write after the gzip stream was finished", at: WinnowError.Location(path: path),
            scope: .task)
    }
}
