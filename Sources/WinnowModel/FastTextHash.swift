/// fastText's string hash: 32-bit FNV-1a in which each byte is first sign-extended (`int8_t`), as
/// `Dictionary::hash` does, so bytes ≥ 0x80 (all of UTF-8's multi-byte sequences) mix in as `0xFFFFFFxx`.
enum FastTextHash {
    static let offsetBasis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    @inline(__always)
    static func step(_ hash: UInt32, _ byte: UInt8) -> UInt32 {
        (hash ^ UInt32(bitPattern: Int32(Int8(bitPattern: byte)))) &* prime
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash = offsetBasis
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    static func hash(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }
}
