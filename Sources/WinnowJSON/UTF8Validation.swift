/// Strict UTF-8 validation that reports where a sequence goes wrong.
///
/// Follows Unicode's table of well-formed byte sequences (Unicode 15, table 3-7): overlong
/// forms, UTF-16 surrogates encoded in UTF-8 (U+D800…U+DFFF), code points above U+10FFFF and
/// truncated sequences are all rejected.
///
/// The reported offset is that of the first byte that cannot be part of a well-formed sequence:
/// the lead byte itself when it can never start one (`0x80…0xC1`, `0xF5…0xFF`), otherwise the
/// first following byte that is out of range for its position (or the end of the range, when the
/// input stops mid-sequence).
enum UTF8Validation {
    /// The first ill-formed sequence in `base[start..<end]`, or `nil` when the range is valid.
    static func firstError(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int
    ) -> JSONParseError? {
        var index = start
        while index < end {
            if base[index] < 0x80 {
                index += 1
                continue
            }
            switch sequenceLength(base, at: index, end: end) {
            case .success(let length): index += length
            case .failure(let error): return error
            }
        }
        return nil
    }

    /// Validates the multi-byte sequence whose lead byte (`>= 0x80`) is at `index`.
    /// Returns its length (2…4) or the error.
    static func sequenceLength(
        _ base: UnsafePointer<UInt8>, at index: Int, end: Int
    ) -> Result<Int, JSONParseError> {
        let lead = base[index]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let continuationCount: Int
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; high = 0x9F
        case 0xF0: continuationCount = 3; low = 0x90
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; high = 0x8F
        default:
            return .failure(error(at: index, invalidLeadReason(lead)))
        }

        guard index + 1 < end else {
            return .failure(error(at: end, "truncated UTF-8 sequence: input ends after lead byte \(ByteFormatting.hex(lead))"))
        }
        let second = base[index + 1]
        if second < low || second > high {
            if second >= 0x80 && second <= 0xBF {
                return .failure(error(at: index + 1, outOfRangeReason(lead: lead, second: second)))
            }
            return .failure(error(at: index + 1, truncatedReason(lead: lead, leadOffset: index, found: second)))
        }
        var offset = 2
        while offset <= continuationCount {
            guard index + offset < end else {
                return .failure(error(at: end, "truncated UTF-8 sequence: input ends inside the sequence starting at byte \(index)"))
            }
            let byte = base[index + offset]
            guard byte >= 0x80 && byte <= 0xBF else {
                return .failure(error(at: index + offset, truncatedReason(lead: lead, leadOffset: index, found: byte)))
            }
            offset += 1
        }
        return .success(continuationCount + 1)
    }

    private static func error(at offset: Int, _ reason: String) -> JSONParseError {
        JSONParseError(kind: .invalidUTF8, offset: offset, reason: reason)
    }

    private static func invalidLeadReason(_ lead: UInt8) -> String {
        switch lead {
        case 0x80...0xBF:
            return "invalid UTF-8: unexpected continuation byte \(ByteFormatting.hex(lead))"
        case 0xC0, 0xC1:
            return "invalid UTF-8: overlong encoding (lead byte \(ByteFormatting.hex(lead)))"
        case 0xF5...0xF7:
            return "invalid UTF-8: lead byte \(ByteFormatting.hex(lead)) would encode a code point above U+10FFFF"
        default:
            return "invalid UTF-8: byte \(ByteFormatting.hex(lead)) never occurs in UTF-8"
        }
    }

    private static func outOfRangeReason(lead: UInt8, second: UInt8) -> String {
        let pair = "\(ByteFormatting.hex(lead)) \(ByteFormatting.hex(second))"
        switch lead {
        case 0xE0, 0xF0: return "invalid UTF-8: overlong encoding (\(pair))"
        case 0xED: return "invalid UTF-8: UTF-16 surrogate encoded in UTF-8 (\(pair))"
        default: return "invalid UTF-8: code point above U+10FFFF (\(pair))"
        }
    }

    private static func truncatedReason(lead: UInt8, leadOffset: Int, found: UInt8) -> String {
        "invalid UTF-8: truncated sequence starting at byte \(leadOffset) (lead byte \(ByteFormatting.hex(lead))), found \(ByteFormatting.hex(found))"
    }
}
