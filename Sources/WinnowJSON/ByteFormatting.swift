/// Formatting of raw bytes for error messages, without Foundation.
enum ByteFormatting {
    /// `0x0A`-style upper-case hexadecimal.
    static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// `'x'` for printable ASCII, `0x0A` otherwise.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'" + String(UnicodeScalar(byte)) + "'"
        }
        return hex(byte)
    }
}
