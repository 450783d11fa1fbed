/// Character classes with the meaning Python's `str` methods give them, which is what datatrove's filters
/// use: `isspace`, `isalpha`, `splitlines` separators. Scalars are `UInt32` code points.
enum PythonCharacters {
    /// `str.isspace()`: the Unicode White_Space property plus the four ASCII separators U+001C–U+001F
    /// (Python counts bidirectional classes B and S as space).
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x09 && c <= 0x0D) || c == 0x20 || (c >= 0x1C && c <= 0x1F) }
        switch c {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `str.isalpha()` for one character: general category Lu, Ll, Lt, Lm or Lo.
    @inline(__always)
    static func isAlpha(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `str.isalnum()` for one character (letters, and characters with a numeric value).
    @inline(__always)
    static func isAlnum(_ c: UInt32) -> Bool {
        if c < 0x80 { return isAlpha(c) || (c >= 0x30 && c <= 0x39) }
        if isAlpha(c) { return true }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// A line boundary of `str.splitlines()`: \n \r \v \f, U+001C–U+001E, U+0085, U+2028, U+2029
    /// (\r\n counts as one boundary; the caller handles that).
    @inline(__always)
    static func isLineBreak(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) }
        return c == 0x85 || c == 0x2028 || c == 0x2029
    }

    /// Unicode general category P* (spaCy's `is_punct` for a one-character token).
    @inline(__always)
    static func isPunctuationCategory(_ c: UInt32) -> Bool {
        // ASCII: !"#%&'()*,-./:;?@[\]_{} (a bit per character; the test suite checks it against the tables).
        if c < 0x40 { return (0x8C00_F7EE_0000_0000 as UInt64) >> c & 1 != 0 }
        if c < 0x80 { return (0x2800_0000_B800_0001 as UInt64) >> (c - 0x40) & 1 != 0 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Unicode Sentence_Terminal: the terminal punctuation of every script (`.`, `!`, `?`, `。`, `।`, ...).
    @inline(__always)
    static func isSentenceTerminal(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x21 || c == 0x2E || c == 0x3F }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.isSentenceTerminal
    }
}
