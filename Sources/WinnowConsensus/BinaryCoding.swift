internal import WinnowCore

/// Little-endian records for the stages' work files (never read by anything but this module).
struct BinaryOut {
    var bytes: [UInt8] = []

    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }
    mutating func f64(_ value: Double) { u64(value.bitPattern) }
    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func string(_ value: String) {
        u64(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
}

struct BinaryIn {
    let bytes: [UInt8]
    let path: String
    var position = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var isAtEnd: Bool { position >= bytes.count }

    private mutating func need(_ count: Int) throws {
        guard count >= 0, position + count <= bytes.count else {
            throw WinnowError(.internalInconsistency, "truncated work file (wanted \(count) bytes at \(position) of \(bytes.count))", at: .init(path: path, byteOffset: Int64(position)), scope: .task)
        }
    }

    mutating func u64() throws -> UInt64 {
        try need(8)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return value
    }

    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }
    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }
    mutating func u8() throws -> UInt8 {
        try need(1)
        position += 1
        return bytes[position - 1]
    }
    mutating func string() throws -> String {
        let count = Int(try u64())
        try need(count)
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }
}

/// `unit-000042.bin`.
func unitFileName(_ unit: Int) -> String {
    let digits = String(unit)
    return "unit-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".bin"
}

/// The unit numbers of the `unit-NNNNNN.bin` files in `names`, ascending.
func unitNumbers(_ names: [String]) -> [Int] {
    names.compactMap { name -> Int? in
        guard name.hasPrefix("unit-"), name.hasSuffix(".bin") else { return nil }
        return Int(name.dropFirst(5).dropLast(4))
    }.sorted()
}
