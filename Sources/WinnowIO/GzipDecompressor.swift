import CISAL
import WinnowCore

/// Decompresses a gzip stream of one or more concatenated members (Common Crawl `.warc.gz` files
/// hold one member per record) read from another `ByteSource`.
///
/// Inflation is Intel's ISA-L (`isal_inflate`, about six times zlib's speed on Common Crawl files; decision
/// 0018). Memory is fixed: one input buffer (1 MiB by default) and ISA-L's state (~100 KiB, its window
/// included); output goes straight into the caller's buffer.
///
/// Errors (all `WinnowError`, located at the file and compressed byte offset):
/// - `.truncatedStream`: the input ended inside a member (also: an empty input, which holds no member).
/// - `.corruptStream`: ISA-L rejected the data (bad header, bad deflate data, CRC or length mismatch),
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

    /// Compressed bytes consumed by the inflater so far.
    public var compressedOffset: Int64 { fedBytes - Int64(availableInput) }

    private enum Phase { case inMember, betweenMembers, finished }

    private var source: any ByteSource
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var fedBytes: Int64 = 0
    private var sourceExhausted = false
    private var phase = Phase.inMember
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
        // Gzip only: a raw deflate or zlib stream is rejected as corrupt (bad header).
        guard let state = CISAL_gzipInflateCreate() else {
            throw WinnowError(
                .io, "cannot start gzip decompression: out of memory", at: WinnowError.Location(path: path),
                scope: .task)
        }
        self.state = state
        self.input = .allocate(byteCount: min(bufferSize, Int(UInt32.max)), alignment: 16)
    }

    deinit {
        CISAL_inflateFree(state)
        input.deallocate()
    }

    private var availableInput: UInt32 { CISAL_availableInput(state) }

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
                switch phase {
                case .finished:
                    return 0
                case .betweenMembers:
                    if availableInput == 0 { try refill() }
                    if availableInput == 0 {
                        phase = .finished
                        return 0
                    }
                    guard CISAL_nextInput(state)[0] == 0x1f else {
                        throw WinnowError(
                            .corruptStream,
                            "corrupt gzip stream: the bytes after the member that ends at compressed byte "
                                + "\(compressedOffset) do not start a gzip member",
                            at: WinnowError.Location(path: path, byteOffset: compressedOffset))
                    }
                    CISAL_gzipInflateReset(state)
                    memberStartOffset = compressedOffset
                    memberStartHandler?(memberStartOffset, decompressedBytes)
                    phase = .inMember
                case .inMember:
                    break
                }
                if availableInput == 0 { try refill() }
                if compressedOffset == memberStartOffset { try checkMagic() }
                let before = availableInput
                var producedBytes: UInt32 = 0
                var finished: Int32 = 0
                let status = CISAL_inflate(
                    state, output.assumingMemoryBound(to: UInt8.self), UInt32(capacity), &producedBytes, &finished)
                let produced = Int(producedBytes)
                guard status == ISAL_DECOMP_OK || status == ISAL_END_INPUT || status == ISAL_OUT_OVERFLOW else {
                    throw ISAL.inflateError(
                        status, path: path, compressedOffset: compressedOffset, memberStart: memberStartOffset)
                }
                if finished != 0 {
                    phase = .betweenMembers
                    membersCompleted += 1
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
                if phase == .inMember && availableInput == 0 && sourceExhausted {
                    throw StreamErrors.truncated(
                        format: "gzip", unit: "member", path: path, compressedOffset: compressedOffset,
                        unitStart: memberStartOffset)
                }
                if phase == .inMember && availableInput > 0 && availableInput == before {
                    // No progress with input and output space: never expected; do not spin.
                    throw WinnowError(
                        .internalInconsistency,
                        "gzip decompression made no progress at compressed byte \(compressedOffset) (ISA-L status "
                            + "\(ISAL.name(of: status)))",
                        at: WinnowError.Location(path: path, byteOffset: compressedOffset), scope: .task)
                }
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// At the start of a member: its first bytes must be gzip's magic `1f 8b` (ISA-L would wait for a whole
    /// header before looking, so a short non-gzip input would read as truncated rather than corrupt).
    private func checkMagic() throws {
        let available = availableInput
        guard available > 0 else { return }
        let bytes = CISAL_nextInput(state)!
        guard bytes[0] == 0x1f && (available < 2 || bytes[1] == 0x8b) else {
            throw WinnowError(
                .corruptStream,
                "corrupt gzip stream at compressed byte \(compressedOffset), in the member that starts at "
                    + "compressed byte \(memberStartOffset): incorrect gzip header (no magic bytes 1f 8b)",
                at: WinnowError.Location(path: path, byteOffset: compressedOffset),
                cause: CodecError(
                    library: "isa-l", code: Int(ISAL_INVALID_WRAPPER), name: ISAL.name(of: ISAL_INVALID_WRAPPER),
                    detail: ISAL.detail(of: ISAL_INVALID_WRAPPER)))
        }
    }

    /// Reads the next block of compressed input (only when the inflater has consumed all of the previous one).
    private func refill() throws {
        guard !sourceExhausted else { return }
        let count = try source.read(into: input)
        CISAL_setInput(state, input.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(count))
        fedBytes += Int64(count)
        if count == 0 { sourceExhausted = true }
    }
}
