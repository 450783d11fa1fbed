import WinnowCore

/// Buffered reading of a ``ByteSource`` for record formats that mix header lines and length-prefixed
/// blocks (WARC, HTTP). Memory is bounded by the buffer size plus what the caller asks to hold.
public final class BufferedReader {
    public let path: String
    private let source: any ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var exhausted = false
    /// Offset (in the decompressed stream) of the next unread byte.
    public private(set) var offset: Int64 = 0

    public init(source: any ByteSource, path: String, bufferSize: Int = 1 << 20) {
        self.source = source
        self.path = path
        self.buffer = [UInt8](repeating: 0, count: max(bufferSize, 4096))
    }

    private var available: Int { end - start }

    /// Reads more bytes into the buffer, compacting first. Returns false at end of stream.
    @discardableResult
    private func fill() throws -> Bool {
        if exhausted { return false }
        if start > 0 && (start == end || end == buffer.count) {
            if start < end {
                buffer.withUnsafeMutableBytes { raw in
                    Platform.moveBytes(raw.baseAddress!, raw.baseAddress! + start, end - start)
                }
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        var source = self.source
        let count = try buffer.withUnsafeMutableBytes { raw in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
        }
        if count == 0 {
            exhausted = true
            return false
        }
        end += count
        return true
    }

    /// Whether the stream has no more bytes.
    public func atEnd() throws -> Bool {
        if available > 0 { return false }
        return !(try fill())
    }

    /// The next line without its `\n` (and a `\r` before it); nil at the end of the stream. A final line
    /// without `\n` is returned as is. A line longer than `maxBytes` throws `recordTooLarge` after
    /// consuming `maxBytes` bytes of it.
    public func readLine(maxBytes: Int) throws -> [UInt8]? {
        var scanned = 0
        while true {
            let found: Int? = buffer.withUnsafeBytes { raw in
                Platform.firstIndex(of: 0x0a, in: raw.baseAddress! + start + scanned, count: end - start - scanned)
            }
            if let found {
                let length = scanned + found
                var line = Array(buffer[start..<(start + length)])
                if line.last == 0x0d { line.removeLast() }
                consume(length + 1)
                return line
            }
            scanned = available
            if scanned > maxBytes {
                consume(maxBytes)
                throw WinnowError(.recordTooLarge, "line longer than \(maxBytes) bytes", at: .init(path: path, byteOffset: offset - Int64(maxBytes)))
            }
            if !(try fill()) {
                if available == 0 { return nil }
                let line = Array(buffer[start..<end])
                consume(available)
                return line
            }
        }
    }

    /// Up to `count` bytes (fewer only at the end of the stream).
    public func read(upTo count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 24))
        while out.count < count {
            if available == 0, !(try fill()) { break }
            let take = min(available, count - out.count)
            out.append(contentsOf: buffer[start..<(start + take)])
            consume(take)
        }
        return out
    }

    /// Skips up to `count` bytes; returns how many were skipped (fewer only at the end of the stream).
    @discardableResult
    public func skip(_ count: Int64) throws -> Int64 {
        var skipped: Int64 = 0
        while skipped < count {
            if available == 0, !(try fill()) { break }
            let take = Int(min(Int64(available), count - skipped))
            consume(take)
            skipped += Int64(take)
        }
        return skipped
    }

    /// The next `count` bytes without consuming them (fewer at the end of the stream).
    public func peek(_ count: Int) throws -> [UInt8] {
        while available < count, try fill() {}
        return Array(buffer[start..<(start + min(count, available))])
    }

    /// Advances to the next occurrence of `pattern` that starts a line (or the stream), leaving it unread.
    /// Returns false (having consumed everything) when there is none.
    public func skip(toLineStarting pattern: [UInt8]) throws -> Bool {
        precondition(!pattern.isEmpty && pattern.count < buffer.count / 2)
        var atLineStart = false
        while true {
            while available < pattern.count + 1, try fill() {}
            if available < pattern.count {
                consume(available)
                return false
            }
            if atLineStart && buffer[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            // Move to just after the next newline.
            let found: Int? = buffer.withUnsafeBytes { raw in
                Platform.firstIndex(of: 0x0a, in: raw.baseAddress! + start, count: end - start)
            }
            if let found {
                consume(found + 1)
                atLineStart = true
            } else {
                consume(available)
                atLineStart = false
            }
        }
    }

    private func consume(_ count: Int) {
        start += count
        offset += Int64(count)
    }
}
