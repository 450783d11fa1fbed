internal import CXXHash
internal import Crypto

/// Hashes that are stable across processes, machines and Swift versions, for everything that is persisted,
/// sharded, sampled or compared. Swift's `Hasher` is randomly seeded per process and must never be used for
/// any of these. Golden vectors in the tests pin every function here.
public enum StableHash {
    /// XXH3 64-bit of `bytes` with `seed` (libxxhash).
    @inlinable
    public static func xxh3(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        _xxh3(bytes, seed: seed)
    }

    @usableFromInline
    static func _xxh3(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        CXXHash_xxh3_64(bytes.baseAddress, bytes.count, seed)
    }

    /// XXH3 64-bit of the UTF-8 bytes of `string`.
    public static func xxh3(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var copy = string
        return copy.withUTF8 { xxh3(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// XXH3 128-bit of `bytes` as (high, low).
    public static func xxh3_128(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> (high: UInt64, low: UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        CXXHash_xxh3_128(bytes.baseAddress, bytes.count, seed, &low, &high)
        return (high, low)
    }

    /// SHA-256 of `bytes` as 32 raw bytes.
    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// SHA-256 of `bytes`, lower-case hex.
    public static func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// SHA-256 of `bytes`, lower-case hex.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { sha256Hex($0) }
    }

    /// SHA-256 of the UTF-8 bytes of `string`, lower-case hex.
    public static func sha256Hex(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { sha256Hex(UnsafeRawBufferPointer($0)) }
    }

    /// Lower-case hex of a byte sequence.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case, zero-padded 16-digit hex of a 64-bit value.
    public static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// An incremental SHA-256 for streams (file checksums).
public struct StreamingSHA256: Sendable {
    private var hasher = SHA256()
    public init() {}
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
    public func finalizeHex() -> String { StableHash.hex(hasher.finalize()) }
}
