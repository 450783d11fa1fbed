internal import WinnowCore

/// Little-endian fixed-width encoding for the dedup work files (never Swift's in-memory layout).
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func append(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: UInt32) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what ``BinaryWriter`` wrote; a short or malformed file is an internal error naming the file.
struct BinaryReader {
    let bytes: [UInt8]
    let path: String
    var position = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var isAtEnd: Bool { position >= bytes.count }

    private func corrupt() -> WinnowError {
        WinnowError(.internalInconsistency, "work file is truncated or corrupt", at: .init(path: path, byteOffset: Int64(position)), scope: .task)
    }

    mutating func uint64() throws -> UInt64 {
        guard position + 8 <= bytes.count else { throw corrupt() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return value
    }

    mutating func uint32() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw corrupt() }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * UInt32(index)) }
        position += 4
        return value
    }

    mutating func string() throws -> String {
        let count = Int(try uint32())
        guard position + count <= bytes.count else { throw corrupt() }
        let text = String(decoding: bytes[position..<(position + count)], as: UTF8.self)
        position += count
        return text
    }
}
