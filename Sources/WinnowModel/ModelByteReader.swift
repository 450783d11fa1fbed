internal import WinnowCore

/// Reads the little-endian scalars of a fastText model file from memory, naming the byte offset of any
/// value that runs past the end.
struct ModelByteReader {
    let bytes: [UInt8]
    let path: String
    private(set) var offset = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var remaining: Int { bytes.count - offset }

    func error(_ message: String, at position: Int? = nil) -> WinnowError {
        WinnowError(.invalidModel, "not a usable fastText model: \(message)",
                    at: .init(path: path, byteOffset: Int64(position ?? offset)), scope: .run)
    }

    mutating func need(_ count: Int, _ what: String) throws {
        guard count >= 0, count <= remaining else {
            throw error("\(what) needs \(count) bytes but the file ends \(remaining) bytes later (truncated?)")
        }
    }

    mutating func load<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        try need(MemoryLayout<T>.size, what)
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { raw in
            for index in 0..<MemoryLayout<T>.size { raw[index] = bytes[offset + index] }
        }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func int32(_ what: String) throws -> Int32 { try load(Int32.self, what) }
    mutating func int64(_ what: String) throws -> Int64 { try load(Int64.self, what) }
    mutating func uint8(_ what: String) throws -> UInt8 { try load(UInt8.self, what) }

    mutating func bool(_ what: String) throws -> Bool {
        let position = offset
        let value = try uint8(what)
        guard value <= 1 else { throw error("\(what) is \(value), not a boolean 0 or 1", at: position) }
        return value == 1
    }

    mutating func float64(_ what: String) throws -> Double {
        Double(bitPattern: try load(UInt64.self, what))
    }

    /// `count` little-endian 32-bit floats.
    mutating func floats(_ count: Int, _ what: String) throws -> [Float] {
        guard count >= 0, count <= remaining / 4 else {
            throw error("\(what) needs \(count) floats but the file ends \(remaining) bytes later (truncated?)")
        }
        let start = offset
        let result = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self)))
                }
            }
            initialized = count
        }
        offset += 4 * count
        return result
    }

    mutating func byteArray(_ count: Int, _ what: String) throws -> [UInt8] {
        try need(count, what)
        let result = Array(bytes[offset..<(offset + count)])
        offset += count
        return result
    }

    /// The bytes up to (not including) the next NUL, which is consumed.
    mutating func cString(_ what: String) throws -> [UInt8] {
        let start = offset
        var end = start
        while end < bytes.count, bytes[end] != 0 { end += 1 }
        guard end < bytes.count else { throw error("\(what) has no terminating NUL before the end of the file", at: start) }
        offset = end + 1
        return Array(bytes[start..<end])
    }
}

/// Appends the little-endian scalars of a fastText model file.
struct ModelByteWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(floats: [Float]) {
        bytes.reserveCapacity(bytes.count + 4 * floats.count)
        for value in floats { append(value.bitPattern) }
    }
}
