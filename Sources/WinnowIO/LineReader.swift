import WinnowCore

/// Streams the lines of a `ByteSource` with their 1-based number and the byte offset (in the
/// decompressed stream) of their first byte, in bounded memory.
///
/// Lines end at `\n`; a `\r` right before the `\n` is stripped too. The last line is a line even
/// without a final newline (its bytes are kept as they are, including a trailing `\r`); an empty
/// source yields no lines; empty lines are yielded (the caller decides what they mean).
///
/// Memory: one chunk buffer (`chunkSize`, 1 MiB by default) and one carry buffer, which holds a line
/// that straddles two chunks and never grows beyond `maxLineBytes + 1` bytes. Lines inside a chunk are
/// handed out as pointers into the chunk buffer: no allocation per line.
///
/// A line longer than `maxLineBytes` is not buffered whole: it is skipped to its end and reported to
/// the `oversized` callback with its number, offset, length and first 4 KiB (for quarantine); the
/// following lines are delivered as usual and keep their true numbers.
///
/// Errors: an error from the source (such as `.truncatedStream`) is thrown after every complete line
/// before it was delivered. A partial line at that point is *not* delivered: the error's message is
/// extended with its number and offset. After any error (also one thrown by a callback) the reader is
/// finished.
public final class LineReader {
    /// One line, valid only during the callback that receives it.
    public struct Line {
        /// The line's bytes, without `\n` or `\r\n`. Points into the reader's buffers: copy what you keep.
        public var bytes: UnsafeRawBufferPointer
        /// The 1-based line number.
        public var number: Int64
        /// The offset of the line's first byte in the (decompressed) stream.
        public var offset: Int64
    }

    /// A line longer than `maxLineBytes`, skipped rather than delivered.
    public struct OversizedLine: Sendable, Hashable {
        /// The 1-based line number.
        public var number: Int64
        /// The offset of the line's first byte in the (decompressed) stream.
        public var offset: Int64
        /// The line's length in bytes, without `\n` or `\r\n`.
        public var length: Int64
        /// The first `LineReader.oversizedPrefixLength` bytes of the line.
        public var prefix: [UInt8]
    }

    /// How many leading bytes of an oversized line `OversizedLine.prefix` keeps.
    public static let oversizedPrefixLength = 4096

    /// The path named in errors.
    public let path: String
    /// The longest line delivered; longer ones go to the `oversized` callback.
    public let maxLineBytes: Int
    /// The size of each read from the source.
    public let chunkSize: Int
    /// Lines delivered or reported as oversized so far (the number of the last one).
    public private(set) var lineCount: Int64 = 0
    /// Bytes read from the source so far.
    public private(set) var bytesRead: Int64 = 0
    /// The current capacity of the carry buffer (at most `maxLineBytes + 1`; exposed for tests and
    /// memory accounting).
    public private(set) var carryCapacity = 0

    private var source: any ByteSource
    private let chunk: UnsafeMutableRawBufferPointer
    private var carry: UnsafeMutableRawPointer?
    private var carryCount = 0
    /// The offset of the first byte of the pending line (carried or being skipped).
    private var pendingOffset: Int64 = 0
    private var skipping: Skipped?
    private var finished = false

    /// The state of an oversized line being skipped.
    private struct Skipped {
        var length: Int64
        var prefix: [UInt8]
        var endsWithCarriageReturn: Bool
    }

    /// - Parameters:
    ///   - source: the bytes to split; the reader owns it from now on.
    ///   - path: the file named in errors.
    ///   - maxLineBytes: the longest line delivered (64 MiB by default).
    ///   - chunkSize: how much to read at a time (1 MiB by default).
    public init(source: any ByteSource, path: String, maxLineBytes: Int = 64 << 20, chunkSize: Int = 1 << 20) {
        precondition(maxLineBytes >= 0, "maxLineBytes must not be negative")
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.source = source
        self.path = path
        self.maxLineBytes = maxLineBytes
        self.chunkSize = chunkSize
        self.chunk = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        chunk.deallocate()
        carry?.deallocate()
    }

    /// Calls `body` for each line and `oversized` for each line longer than `maxLineBytes`, in order,
    /// until the end of the source. See the type's documentation for the error contract.
    public func forEachLine(_ body: (Line) throws -> Void, oversized: (OversizedLine) throws -> Void) throws {
        guard !finished else { return }
        do {
            try run(body, oversized)
        } catch {
            finished = true
            throw error
        }
        finished = true
    }

    private func run(_ body: (Line) throws -> Void, _ oversized: (OversizedLine) throws -> Void) throws {
        let base = UnsafeRawPointer(chunk.baseAddress!)
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        while true {
            let count: Int
            do {
                count = try source.read(into: chunk)
            } catch {
                throw annotated(error)
            }
            if count == 0 {
                if skipping != nil || carryCount > 0 {
                    try deliverPending(body, oversized, terminated: false)
                }
                return
            }
            let chunkOffset = bytesRead
            bytesRead += Int64(count)
            var position = 0

            // A line begun in an earlier chunk: complete it, or carry on.
            if skipping != nil || carryCount > 0 {
                guard let newline = Platform.firstIndex(of: 0x0A, in: base, count: count) else {
                    appendPending(base, count)
                    continue
                }
                appendPending(base, newline)
                try deliverPending(body, oversized, terminated: true)
                position = newline + 1
            }

            // Lines wholly inside this chunk: handed out in place.
            while let found = Platform.firstIndex(of: 0x0A, in: base + position, count: count - position) {
                let newline = position + found
                var length = found
                if length > 0 && bytes[newline - 1] == 0x0D { length -= 1 }
                lineCount += 1
                let offset = chunkOffset + Int64(position)
                if length > maxLineBytes {
                    try oversized(
                        OversizedLine(
                            number: lineCount, offset: offset, length: Int64(length),
                            prefix: Array(
                                UnsafeRawBufferPointer(
                                    start: base + position, count: min(length, Self.oversizedPrefixLength)))))
                } else {
                    try body(
                        Line(
                            bytes: UnsafeRawBufferPointer(start: base + position, count: length), number: lineCount,
                            offset: offset))
                }
                position = newline + 1
            }

            // The start of a line that continues in the next chunk.
            if position < count {
                pendingOffset = chunkOffset + Int64(position)
                appendPending(base + position, count - position)
            }
        }
    }

    /// Adds bytes to the pending line: to the carry buffer, or to the skipped length once the line is
    /// known to be oversized.
    private func appendPending(_ start: UnsafeRawPointer, _ count: Int) {
        if skipping != nil {
            skipping!.length += Int64(count)
            if count > 0 {
                skipping!.endsWithCarriageReturn = start.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0D
                let missing = Self.oversizedPrefixLength - skipping!.prefix.count
                if missing > 0 {
                    skipping!.prefix.append(
                        contentsOf: UnsafeRawBufferPointer(start: start, count: min(missing, count)))
                }
            }
            return
        }
        // One byte of slack: a line of exactly maxLineBytes may still be followed by its "\r".
        if carryCount + count > maxLineBytes + 1 {
            var prefix = [UInt8]()
            prefix.reserveCapacity(Self.oversizedPrefixLength)
            if let carry {
                prefix.append(
                    contentsOf: UnsafeRawBufferPointer(start: carry, count: min(carryCount, Self.oversizedPrefixLength))
                )
            }
            let missing = Self.oversizedPrefixLength - prefix.count
            if missing > 0 {
                prefix.append(contentsOf: UnsafeRawBufferPointer(start: start, count: min(missing, count)))
            }
            skipping = Skipped(
                length: Int64(carryCount + count), prefix: prefix,
                endsWithCarriageReturn: start.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0D)
            carryCount = 0
            return
        }
        guard count > 0 else { return }
        reserveCarry(carryCount + count)
        (carry! + carryCount).copyMemory(from: start, byteCount: count)
        carryCount += count
    }

    /// Grows the carry buffer geometrically, never beyond `maxLineBytes + 1` bytes.
    private func reserveCarry(_ needed: Int) {
        guard needed > carryCapacity else { return }
        let capacity = min(max(needed, carryCapacity * 2, 4096), maxLineBytes + 1)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        if let carry {
            grown.copyMemory(from: carry, byteCount: carryCount)
            carry.deallocate()
        }
        carry = grown
        carryCapacity = capacity
    }

    /// Delivers the pending line (carried or skipped); `terminated` tells whether a newline ended it.
    private func deliverPending(
        _ body: (Line) throws -> Void, _ oversized: (OversizedLine) throws -> Void, terminated: Bool
    ) throws {
        lineCount += 1
        if let skipped = skipping {
            skipping = nil
            var length = skipped.length
            if terminated && skipped.endsWithCarriageReturn { length -= 1 }
            var prefix = skipped.prefix
            if prefix.count > length { prefix.removeLast(prefix.count - Int(length)) }
            try oversized(OversizedLine(number: lineCount, offset: pendingOffset, length: length, prefix: prefix))
            return
        }
        var length = carryCount
        carryCount = 0
        let carry = UnsafeRawPointer(carry!)
        if terminated && length > 0 && carry.load(fromByteOffset: length - 1, as: UInt8.self) == 0x0D { length -= 1 }
        if length > maxLineBytes {
            try oversized(
                OversizedLine(
                    number: lineCount, offset: pendingOffset, length: Int64(length),
                    prefix: Array(UnsafeRawBufferPointer(start: carry, count: min(length, Self.oversizedPrefixLength))))
            )
        } else {
            try body(
                Line(
                    bytes: UnsafeRawBufferPointer(start: carry, count: length), number: lineCount, offset: pendingOffset
                ))
        }
    }

    /// A source error, extended with the partial line it cut off (which is not delivered).
    private func annotated(_ error: any Error) -> any Error {
        guard var error = error as? WinnowError, skipping != nil || carryCount > 0 else { return error }
        error.message +=
            "; line \(lineCount + 1), which starts at decompressed byte \(pendingOffset), was cut off and not delivered"
        return error
    }
}
