import CZlib
import WinnowCore

/// Decompresses a gzip stream of one or more concatenated members (Common Crawl `.warc.gz` files
/// hold one member per record) read from another `ByteSource`.
///
/// Memory is fixed: one input buffer (1 MiB by default) and zlib's 32 KiB window; output goes
/// straight into the caller's buffer.
///
/// Errors (all `WinnowError`, located at the file and compressed byte offset):
/// - `.truncatedStream`: the input ended inside a member (also: an empty input, which holds no member).
/// - `.corruptStream`: zlib rejected the data (bad header, bad deflate data, CRC or length mismatch),
///   bytes after the last member that do not start another member, or `maxExpansionRatio` exceeded.
/// Everything returned before an error is correct output of the members up to that point.
public final class GzipDecompressor: ByteSource {
    /// The path named by errors.
    public let path: String
    /// The largest allowed ratio of decompressed to compressed bytes (checked past the first MiB of
    /// output), or nil for no limit. Protects against gzip bombs.
    public let maxExpansionRatio: Double?
    /// Where the member being decompressed (or the last one, after the end) began in the compressed stream.
    public private(set) var memberStartOffset: Int64 = 0
    /// Decompressed bytes returned so far.
    public private(set) var decompressedBytes: Int64 = 0
    /// Members decompressed completely so far.
    public private(set) var membersCompleted: Int = 0
    /// Called when a member starts, with its compressed offset in the file and the decompressed offset of its
    /// first byte. A single `read` never returns bytes of two members, so a record format with one record
    /// per member (Common Crawl's `.warc.gz`) can map each record to the member that holds it.
    public var memberStartHandler: ((_ compressedOffset: Int64, _ decompressedOffset: Int64) -> Void)?
    private var announcedFirstMember = false

    /// Compressed bytes consumed by zlib so far.
    public var compressedOffset: Int64 { fedBytes - Int64(stream.pointee.avail_in) }

    private enum State { case inMember, betweenMembers, finished }

    private var source: any ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var fedBytes: Int64 = 0
    private var sourceExhausted = false
    private var state = State.inMember
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
        self.source = source
        self.path = path
        self.maxExpansionRatio = maxExpansionRatio
        self.input = .allocate(byteCount: min(bufferSize, Int(UInt32.max)), alignment: 16)
        self.stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 31: gzip only (a raw zlib stream is rejected as corrupt).
        let status = CZlib_inflateInit2(stream, 31)
        // On failure `deinit` releases the buffers (inflateEnd is harmless on a stream that never started).
        guard status == Z_OK else { throw Zlib.initError(status, path: path, operation: "decompression") }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failure { throw failure }
        guard let output = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let capacity = min(buffer.count, Int(UInt32.max))
        if !announcedFirstMember {
            announcedFirstMember = true
            memberStartHandler?(0, 0)
        }
        do {
            while true {
                switch state {
                case .finished:
                    return 0
                case .betweenMembers:
                    if stream.pointee.avail_in == 0 { try refill() }
                    if stream.pointee.avail_in == 0 {
                        state = .finished
                        return 0
                    }
                    guard stream.pointee.next_in[0] == 0x1f else {
                        throw WinnowError(
                            .corruptStream,
                            "corrupt gzip stream: the bytes after the member that ends at compressed byte "
                                + "\(compressedOffset) do not start a gzip member",
                            at: WinnowError.Location(path: path, byteOffset: compressedOffset))
                    }
                    inflateReset(stream)
                    memberStartOffset = compressedOffset
                    memberStartHandler?(memberStartOffset, decompressedBytes)
                    state = .inMember
                case .inMember:
                    break
                }
                if stream.pointee.avail_in == 0 { try refill() }
                stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(capacity)
                let status = inflate(stream, Z_NO_FLUSH)
                let produced = capacity - Int(stream.pointee.avail_out)
                switch status {
                case Z_OK, Z_BUF_ERROR:
                    break
                case Z_STREAM_END:
                    state = .betweenMembers
                    membersCompleted += 1
                default:
                    throw Zlib.inflateError(
                        status, stream, path: path, compressedOffset: compressedOffset, memberStart: memberStartOffset)
                }
                if produced > 0 {
                    decompressedBytes += Int64(produced)
                    if StreamErrors.exceedsRatio(
                        maxExpansionRatio, decompressed: decompressedBytes, compressed: compressedOffset)
                    {
                        throw StreamErrors.ratioExceeded(
                            format: "gzip", limit: maxExpansionRatio!, decompressed: decompressedBytes,
                            compressed: compressedOffset, path: path)
                    }
                    return produced
                }
                if state == .inMember && stream.pointee.avail_in == 0 && sourceExhausted {
                    throw StreamErrors.truncated(
                        format: "gzip", unit: "member", path: path, compressedOffset: compressedOffset,
                        unitStart: memberStartOffset)
                }
                if status == Z_BUF_ERROR && stream.pointee.avail_in > 0 {
                    // zlib made no progress with input and output space: never expected; do not spin.
                    throw Zlib.inflateError(
                        status, stream, path: path, compressedOffset: compressedOffset, memberStart: memberStartOffset)
                }
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Reads the next block of compressed input (only when zlib has consumed all of the previous one).
    private func refill() throws {
        guard !sourceExhausted else { return }
        let count = try source.read(into: input)
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(count)
        fedBytes += Int64(count)
        if count == 0 { sourceExhausted = true }
    }
}
