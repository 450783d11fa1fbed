extension JSONByteParser {
    /// Reads the string whose opening quote is at `position`.
    ///
    /// Plain content is skipped with ``JSONStringScan``. A string without escapes becomes a
    /// `String` straight from its bytes; strings with escapes are decoded into `scratch` first.
    /// UTF-8 is validated once, while the `String` is created (see ``makeString(_:)``); only when
    /// that fails does ``UTF8Validation`` run, to find the offset of the bad byte.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = position
        let start = position + 1
        position = JSONStringScan.firstSpecialByte(base, from: start, end: end)
        guard position < end else {
            throw stringError(contentStart: start, syntaxError(at: end, unterminatedReason(open)))
        }
        switch base[position] {
        case UInt8(ascii: "\""):
            let bytes = UnsafeBufferPointer(start: base + start, count: position - start)
            position += 1
            guard let string = Self.makeString(bytes) else {
                throw utf8Error(from: start, to: position)
            }
            return string
        case UInt8(ascii: "\\"):
            return try parseEscapedString(open: open, contentStart: start)
        case let byte:
            throw stringError(contentStart: start, controlCharacterError(byte))
        }
    }

    /// Continues reading a string at its first backslash, decoding into `scratch`.
    private mutating func parseEscapedString(open: Int, contentStart: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        // The decoded string is never longer than the rest of the input; reserving that (up to a
        // bound) up front avoids a dozen reallocations while a long text is decoded.
        scratch.reserveCapacity(min(end - contentStart, 1 << 16))
        var runStart = contentStart
        while true {
            // `position` is at a '"', '\', control character, or the end.
            guard position < end else {
                throw stringError(contentStart: contentStart, syntaxError(at: end, unterminatedReason(open)))
            }
            let byte = base[position]
            if position > runStart {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                let decoded = scratch.withUnsafeBufferPointer { Self.makeString($0) }
                guard let string = decoded else {
                    throw utf8Error(from: contentStart, to: position)
                }
                return string
            case UInt8(ascii: "\\"):
                do throws(JSONParseError) {
                    try decodeEscape()
                } catch {
                    throw stringError(contentStart: contentStart, error)
                }
                runStart = position
                position = JSONStringScan.firstSpecialByte(base, from: position, end: end)
            default:
                throw stringError(contentStart: contentStart, controlCharacterError(byte))
            }
        }
    }

    /// The string with exactly these UTF-8 bytes, or `nil` if they are not valid UTF-8.
    ///
    /// `String(decoding:as:)` validates (replacing ill-formed sequences with U+FFFD) and copies in
    /// one fast, non-generic pass; its output is always valid UTF-8, so it equals the input byte
    /// for byte exactly when the input was valid. That comparison is a cheap memory compare,
    /// while `String(validating:as:)` goes through a generic path that costs more than the
    /// validation itself on short strings.
    @inline(__always)
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: bytes, as: UTF8.self)
        guard string.utf8.count == bytes.count else { return nil }
        let identical = string.withUTF8 { UTF8Bytes.equal($0, bytes) }
        return identical ? string : nil
    }

    /// Decodes the escape whose backslash is at `position` into `scratch`.
    @inline(__always)
    private mutating func decodeEscape() throws(JSONParseError) {
        let backslash = position
        guard backslash + 1 < end else {
            throw syntaxError(at: end, "unexpected end of input in escape sequence")
        }
        let decoded: UInt8
        switch base[backslash + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            try decodeUnicodeEscape()
            return
        case let byte:
            throw syntaxError(at: backslash, "invalid escape sequence '\\' followed by \(ByteFormatting.describe(byte))")
        }
        scratch.append(decoded)
        position = backslash + 2
    }

    /// Decodes `\uXXXX` (and a following `\uXXXX` low surrogate) at `position`.
    /// Lone surrogates become U+FFFD.
    private mutating func decodeUnicodeEscape() throws(JSONParseError) {
        let unit = try hex4(at: position + 2)
        position += 6
        var scalar: UInt32
        switch unit {
        case 0xD800..<0xDC00:
            scalar = 0xFFFD
            if position + 6 <= end,
               base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u"),
               let low = hex4IfValid(at: position + 2), (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                position += 6
            }
        case 0xDC00..<0xE000:
            scalar = 0xFFFD
        default:
            scalar = UInt32(unit)
        }
        appendUTF8(scalar)
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// The four hex digits at `index`, or an error at the first byte that is not one.
    private func hex4(at index: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for offset in index..<(index + 4) {
            guard offset < end else {
                throw syntaxError(at: end, "unexpected end of input in \\u escape: expected 4 hex digits")
            }
            guard let digit = Self.hexValue(base[offset]) else {
                throw syntaxError(at: offset, "invalid \\u escape: expected 4 hex digits, found \(ByteFormatting.describe(base[offset]))")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hex4IfValid(at index: Int) -> UInt16? {
        var value: UInt16 = 0
        for offset in index..<(index + 4) {
            guard offset < end, let digit = Self.hexValue(base[offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The UTF-8 error in `base[start..<stop]`, which the caller knows to exist. `stop` includes
    /// the closing quote, so a sequence truncated by it reports the quote as the bad byte.
    private func utf8Error(from start: Int, to stop: Int) -> JSONParseError {
        UTF8Validation.firstError(base, from: start, to: stop)
            ?? JSONParseError(kind: .invalidUTF8, offset: start, reason: "invalid UTF-8 in string")
    }

    /// `error`, unless the string content before it already has ill-formed UTF-8, which comes
    /// first and is reported instead, so the earliest problem is always the one reported.
    private func stringError(contentStart: Int, _ error: JSONParseError) -> JSONParseError {
        // Look a few bytes past the error so a sequence cut short by the offending byte names it.
        let stop = min(error.offset + 4, end)
        if let utf8 = UTF8Validation.firstError(base, from: contentStart, to: stop), utf8.offset <= error.offset {
            return utf8
        }
        return error
    }

    private func controlCharacterError(_ byte: UInt8) -> JSONParseError {
        syntaxError(at: position, "unescaped control character \(ByteFormatting.hex(byte)) in string")
    }

    private func unterminatedReason(_ open: Int) -> String {
        "unterminated string starting at byte \(open)"
    }
}
