internal import WinnowCore
internal import WinnowIO

/// Reads a work file sequentially in 64 KiB chunks: little-endian integers, byte runs and length-prefixed
/// strings. A file that ends inside a value is an internal error naming the file and offset.
final class WorkFileReader {
    let path: String
    private let source: FileByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var filled = 0
    private var position = 0
    private var consumed: Int64 = 0
    private var atEnd = false

    init(path: String, bufferSize: Int = 1 << 16) throws {
        self.path = path
        source = try FileByteSource(path: path)
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    private func corrupt() -> WinnowError {
        WinnowError(.internalInconsistency, "work file is truncated or corrupt", at: .init(path: path, byteOffset: consumed + Int64(position)), scope: .task)
    }

    /// Refills so that at least `count` bytes are buffered (fewer at end of file).
    private func ensure(_ count: Int) throws {
        if filled - position >= count || atEnd { return }
        let remaining = filled - position
        if remaining > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: remaining)
        }
        consumed += Int64(position)
        position = 0
        filled = remaining
        while filled < count {
            let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if got == 0 {
                atEnd = true
                return
            }
            filled += got
        }
    }

    /// Whether the file has no more bytes.
    func isAtEnd() throws -> Bool {
        try ensure(1)
        return filled - position == 0
    }

    func uint64() throws -> UInt64 {
        try ensure(8)
        guard filled - position >= 8 else { throw corrupt() }
        let value = buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return UInt64(littleEndian: value)
    }

    func uint32() throws -> UInt32 {
        try ensure(4)
        guard filled - position >= 4 else { throw corrupt() }
        let value = buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: value)
    }

    /// Reads `count` little-endian 32-bit values into `destination`.
    func uint32s(into destination: UnsafeMutablePointer<UInt32>, count: Int) throws {
        for index in 0..<count { destination[index] = try uint32() }
    }

    /// Skips `count` bytes.
    func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            try ensure(1)
            let available = filled - position
            guard available > 0 else { throw corrupt() }
            let step = min(available, left)
            position += step
            left -= step
        }
    }

    func string() throws -> String {
        let count = Int(try uint32())
        if count <= buffer.count {
            try ensure(count)
            guard filled - position >= count else { throw corrupt() }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[position..<(position + count)]), as: UTF8.self)
            position += count
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            try ensure(1)
            let available = filled - position
            guard available > 0 else { throw corrupt() }
            let step = min(available, count - bytes.count)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position..<(position + step)]))
            position += step
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
