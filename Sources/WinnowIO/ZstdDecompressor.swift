import CZstd
import WinnowCore

/// Decompresses a zstd stream of one or more frames (skippable frames are skipped) read from another
/// `ByteSource`.
///
/// Memory is bounded: one input buffer (1 MiB by default) plus zstd's window, which the library caps
/// at 128 MiB by default (frames written with `--long=31` or `--ultra -22` on huge inputs are
/// rejected as `.corruptStream` with an explanation rather than allocating more).
///
/// The error contract is the one of `GzipDecompressor`, with frames in place of members:
/// `.truncatedStream` when the input ends inside a frame (or is empty); `.corruptStream` for data zstd
/// rejects (including a failed content checksum and trailing bytes that are not a frame) and for an
/// exceeded `maxExpansionRatio`.
public final class ZstdDecompressor: ByteSource {
    /// The path named by errors.
    public let path: String
    /// The largest allowed ratio of decompressed to compressed bytes (checked past the first MiB of
    /// output), or nil for no limit.
    public let maxExpansionRatio: Double?
    /// Where the frame being decompressed (or the last one, after the end) began in the compressed stream.
    public private(set) var memberStartOffset: Int64 = 0
    /// Decompressed bytes returned so far.
    public private(set) var decompressedBytes: Int64 = 0
    /// Frames (including skippable ones) decompressed completely so far.
    public private(set) var framesCompleted: Int = 0

    /// Compressed bytes consumed by zstd so far.
    public var compressedOffset: Int64 { fedBytes - Int64(inBuffer.size - inBuffer.pos) }

    private var source: any ByteSource
    private let context: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var inBuffer: ZSTD_inBuffer
    private var fedBytes: Int64 = 0
    private var sourceExhausted = false
    /// True between frames: at the start, and after zstd reported a frame complete and flushed.
    private var atFrameBoundary = true
    private var finished = false
    private var failure: (any Error)?

    /// - Parameters:
    ///   - source: the compressed bytes; the decompressor owns it from now on.
    ///   - path: the file named by errors.
    ///   - maxExpansionRatio: see `maxExpansionRatio`.
    ///   - bufferSize: the size of the compressed input buffer.
    public init(source: any ByteSource, path: String, maxExpansionRatio: Double? = nil, bufferSize: Int = 1 << 20)
        throws
    {
        precondition(bufferSize > 0, "bufferSize must be positive")
        guard let context = ZSTD_createDCtx() else {
            throw WinnowError(
                .io, "cannot create a zstd decompression context", at: WinnowError.Location(path: path), scope: .task)
        }
        self.source = source
        self.path = path
        self.maxExpansionRatio = maxExpansionRatio
        self.context = context
        self.input = .allocate(byteCount: bufferSize, alignment: 16)
        self.inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: 0, pos: 0)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failure { throw failure }
        guard buffer.count > 0, !finished else { return 0 }
        do {
            while true {
                if inBuffer.pos == inBuffer.size { try refill() }
                if inBuffer.pos == inBuffer.size && sourceExhausted {
                    guard atFrameBoundary && fedBytes > 0 else {
                        throw StreamErrors.truncated(
                            format: "zstd", unit: "frame", path: path, compressedOffset: compressedOffset,
                            unitStart: memberStartOffset)
                    }
                    finished = true
                    return 0
                }
                let offsetBefore = compressedOffset
                var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                if Zstd.isError(result) {
                    throw Zstd.decompressionError(
                        result, path: path, compressedOffset: compressedOffset,
                        frameStart: atFrameBoundary ? offsetBefore : memberStartOffset)
                }
                if atFrameBoundary && compressedOffset > offsetBefore {
                    memberStartOffset = offsetBefore
                    atFrameBoundary = false
                }
                if result == 0 && !atFrameBoundary {
                    atFrameBoundary = true
                    framesCompleted += 1
                }
                if outBuffer.pos > 0 {
                    decompressedBytes += Int64(outBuffer.pos)
                    if StreamErrors.exceedsRatio(
                        maxExpansionRatio, decompressed: decompressedBytes, compressed: compressedOffset)
                    {
                        throw StreamErrors.ratioExceeded(
                            format: "zstd", limit: maxExpansionRatio!, decompressed: decompressedBytes,
                            compressed: compressedOffset, path: path)
                    }
                    return outBuffer.pos
                }
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Reads the next block of compressed input (only when zstd has consumed all of the previous one).
    private func refill() throws {
        guard !sourceExhausted else { return }
        let count = try source.read(into: input)
        inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: count, pos: 0)
        fedBytes += Int64(count)
        if count == 0 { sourceExhausted = true }
    }
}
