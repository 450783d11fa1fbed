/// Finds the bytes that end a plain run inside a JSON string: `"`, `\` and control characters
/// (`< 0x20`). Used by the parser to skip ordinary string content and by the writer to find
/// characters that need escaping.
///
/// Eight bytes are tested at a time with SWAR ("SIMD within a register") bit tricks:
/// `(x - 0x01…01) & ~x & 0x80…80` is non-zero exactly when some byte of `x` is zero, and its
/// lowest set bit marks the first such byte (borrows only propagate towards higher bytes, so
/// false positives can appear only after a true one). XOR with a repeated byte turns "equals `c`"
/// into "is zero"; `(x - 0x20…20) & ~x & 0x80…80` flags bytes below `0x20` the same way. Bytes
/// `>= 0x80` (UTF-8 lead and continuation bytes) never match, so multi-byte text is skipped too.
enum JSONStringScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte in `base[start..<end]` that is `"`, `\` or below `0x20`, or
    /// `end` if there is none.
    @inline(__always)
    static func firstSpecialByte(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let matches = ((quote &- ones) & ~quote)
                | ((backslash &- ones) & ~backslash)
                | ((word &- ones &* 0x20) & ~word)
            let flagged = matches & highBits
            if flagged != 0 {
                return index &+ flagged.trailingZeroBitCount >> 3
            }
            index &+= 8
        }
        while index < end {
            let byte = base[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return index }
            index &+= 1
        }
        return end
    }
}
