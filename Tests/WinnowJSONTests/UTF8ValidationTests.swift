import Testing
import WinnowJSON

@Suite("Strings must be well-formed UTF-8")
struct UTF8ValidationTests {
    /// `"` + bytes + `"`; offsets count the opening quote.
    static let invalidCases: [ErrorCase] = [
        ErrorCase(bytes(#""%""#, [0xC0, 0x80]), .invalidUTF8, 1, "invalid UTF-8: overlong encoding (lead byte 0xC0)"),
        ErrorCase(bytes(#""%""#, [0xC1, 0xBF]), .invalidUTF8, 1, "invalid UTF-8: overlong encoding (lead byte 0xC1)"),
        ErrorCase(bytes(#""%""#, [0xE0, 0x80, 0x80]), .invalidUTF8, 2, "invalid UTF-8: overlong encoding (0xE0 0x80)"),
        ErrorCase(bytes(#""%""#, [0xE0, 0x9F, 0xBF]), .invalidUTF8, 2, "invalid UTF-8: overlong encoding (0xE0 0x9F)"),
        ErrorCase(bytes(#""%""#, [0xF0, 0x8F, 0xBF, 0xBF]), .invalidUTF8, 2, "invalid UTF-8: overlong encoding (0xF0 0x8F)"),
        ErrorCase(bytes(#""%""#, [0xED, 0xA0, 0x80]), .invalidUTF8, 2, "invalid UTF-8: UTF-16 surrogate encoded in UTF-8 (0xED 0xA0)"),
        ErrorCase(bytes(#""%""#, [0xED, 0xBF, 0xBF]), .invalidUTF8, 2, "invalid UTF-8: UTF-16 surrogate encoded in UTF-8 (0xED 0xBF)"),
        ErrorCase(bytes(#""%""#, [0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, 2, "invalid UTF-8: code point above U+10FFFF (0xF4 0x90)"),
        ErrorCase(bytes(#""%""#, [0xF5, 0x80, 0x80, 0x80]), .invalidUTF8, 1, "invalid UTF-8: lead byte 0xF5 would encode a code point above U+10FFFF"),
        ErrorCase(bytes(#""%""#, [0xF8, 0x88, 0x80, 0x80, 0x80]), .invalidUTF8, 1, "invalid UTF-8: byte 0xF8 never occurs in UTF-8"),
        ErrorCase(bytes(#""%""#, [0xFF]), .invalidUTF8, 1, "invalid UTF-8: byte 0xFF never occurs in UTF-8"),
        ErrorCase(bytes(#""%""#, [0x80]), .invalidUTF8, 1, "invalid UTF-8: unexpected continuation byte 0x80"),
        ErrorCase(bytes(#""a%""#, [0xC3, 0xA9, 0xA9]), .invalidUTF8, 4, "invalid UTF-8: unexpected continuation byte 0xA9"),
        ErrorCase(bytes(#""%""#, [0xE2, 0x82]), .invalidUTF8, 3, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xE2), found 0x22"),
        ErrorCase(bytes(#""%x""#, [0xE2, 0x82]), .invalidUTF8, 3, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xE2), found 0x78"),
        ErrorCase(bytes(#""%""#, [0xF0, 0x9F, 0x98]), .invalidUTF8, 4, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xF0), found 0x22"),
        ErrorCase(bytes(#""%""#, [0xC3]), .invalidUTF8, 2, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xC3), found 0x22"),
        ErrorCase(bytes(#""%""#, [0xE2, 0x28, 0xA1]), .invalidUTF8, 2, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xE2), found 0x28"),
        // The input ends inside the sequence (and the string is unterminated): the UTF-8 error comes first.
        ErrorCase(bytes(#""%"#, [0xE2, 0x82]), .invalidUTF8, 3, "truncated UTF-8 sequence: input ends inside the sequence starting at byte 1"),
        ErrorCase(bytes(#""%"#, [0xE2]), .invalidUTF8, 2, "truncated UTF-8 sequence: input ends after lead byte 0xE2"),
        // The earliest problem wins: bad UTF-8 before a raw control character or a bad escape.
        ErrorCase(bytes("\"%\u{1}\"", [0xFF]), .invalidUTF8, 1, "invalid UTF-8: byte 0xFF never occurs in UTF-8"),
        ErrorCase(bytes(#""%\q""#, [0xFF]), .invalidUTF8, 1, "invalid UTF-8: byte 0xFF never occurs in UTF-8"),
        ErrorCase(bytes("\"%\u{1}\"", [0xE2, 0x82]), .invalidUTF8, 3, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xE2), found 0x01"),
        // After an escape, inside a key, inside nested values.
        ErrorCase(bytes(#""\n%""#, [0xFF]), .invalidUTF8, 3, "invalid UTF-8: byte 0xFF never occurs in UTF-8"),
        ErrorCase(bytes(#""%\n""#, [0xE2, 0x82]), .invalidUTF8, 3, "invalid UTF-8: truncated sequence starting at byte 1 (lead byte 0xE2), found 0x5C"),
        ErrorCase(bytes(#"{"k%":1}"#, [0xC0, 0xAF]), .invalidUTF8, 3, "invalid UTF-8: overlong encoding (lead byte 0xC0)"),
        ErrorCase(bytes(#"[1,{"a":["%"]}]"#, [0xED, 0xB0, 0x80]), .invalidUTF8, 11, "invalid UTF-8: UTF-16 surrogate encoded in UTF-8 (0xED 0xB0)"),
    ]

    @Test("ill-formed UTF-8 is reported at the first bad byte", arguments: invalidCases)
    func invalid(_ testCase: ErrorCase) {
        #expect(parseError(testCase.input) == testCase.expected)
    }

    /// Boundary sequences of every length that are well-formed.
    static let validSequences: [[UInt8]] = [
        [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF],
        [0xED, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
        [0xF0, 0x90, 0x80, 0x80], [0xF1, 0x80, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
    ]

    @Test("well-formed boundary sequences decode", arguments: validSequences)
    func valid(_ sequence: [UInt8]) throws {
        let expected = try #require(String(validating: sequence, as: UTF8.self))
        #expect(try JSONParser.parse(bytes(#""%""#, sequence)) == .string(expected))
        #expect(try JSONParser.parse(bytes(#""a\t%b""#, sequence)) == .string("a\t" + expected + "b"))
    }

    @Test("a string made of every scalar class survives a round trip")
    func mixedScripts() throws {
        let text = "ASCII é ß 中文 日本語 한국어 עברית العربية 😀👩‍👩‍👧 \u{10FFFF} \u{FFFD} \u{2028}"
        let value = try JSONParser.parse("\"" + text + "\"")
        #expect(value == .string(text))
        #expect(value.jsonString == "\"" + text + "\"")
    }
}
