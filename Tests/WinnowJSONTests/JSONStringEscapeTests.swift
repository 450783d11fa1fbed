import Testing
import WinnowJSON

@Suite("String escapes: decoding, surrogates, and the scanner at every alignment")
struct JSONStringEscapeTests {
    @Test("simple escapes decode", arguments: [
        (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{8}"), (#""\f""#, "\u{C}"),
        (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"),
        (#""a\"b\\c\/d\be\ff\ng\rh\ti""#, "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"),
        (#""\u0041\u00e9\u00E9\u4E2D\u0000""#, "Aéé中\u{0}"),
        (#""\u007f\u0080\u07FF\u0800\uFFFF""#, "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}"),
    ] as [(String, String)])
    func simpleEscapes(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    @Test("surrogate pairs combine into one scalar", arguments: [
        (#""\uD83D\uDE00""#, "😀"), (#""\ud83d\ude00""#, "😀"), (#""\uD800\uDC00""#, "\u{10000}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), (#""x\uD83D\uDE00y\uD83C\uDF89z""#, "x😀y🎉z"),
    ] as [(String, String)])
    func surrogatePairs(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    @Test("lone surrogate escapes become U+FFFD", arguments: [
        (#""\uD83D""#, "\u{FFFD}"),
        (#""\uDE00""#, "\u{FFFD}"),
        (#""\uD83Dx""#, "\u{FFFD}x"),
        (#""\uD83D\u0041""#, "\u{FFFD}A"),
        (#""\uD83D\n""#, "\u{FFFD}\n"),
        (#""\uD83D\uD83D\uDE00""#, "\u{FFFD}😀"),
        (#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"),
        (#""a\uDFFFb""#, "a\u{FFFD}b"),
    ] as [(String, String)])
    func loneSurrogates(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    /// Strings of every length up to 40 with a special byte at every position, so the 8-byte scan
    /// meets it at every alignment and in the byte-at-a-time tail.
    static let positions: [(length: Int, position: Int)] = (1...40).flatMap { length in
        (0..<length).map { (length, $0) }
    }

    @Test("the scanner finds quotes, backslashes and control characters at every position")
    func everyPosition() throws {
        for (length, position) in Self.positions {
            var plain = Array(repeating: UInt8(ascii: "a"), count: length)
            plain[position] = 0x01
            #expect(
                parseError([0x22] + plain + [0x22]) == JSONParseError(kind: .syntax, offset: 1 + position, reason: "unescaped control character 0x01 in string"),
                "length \(length), position \(position)"
            )

            var escaped = Array(repeating: UInt8(ascii: "a"), count: length)
            escaped.replaceSubrange(position...position, with: Array(#"\""#.utf8))
            var expected = String(repeating: "a", count: length)
            expected.replaceSubrange(expected.index(expected.startIndex, offsetBy: position)..., with: "\"" + String(repeating: "a", count: length - position - 1))
            #expect(try JSONParser.parse([0x22] + escaped + [0x22]) == .string(expected), "length \(length), position \(position)")

            var nonASCII = Array(repeating: UInt8(ascii: "a"), count: length)
            nonASCII.replaceSubrange(position...position, with: [0xC3, 0xA9])
            var expectedNonASCII = String(repeating: "a", count: length - 1)
            expectedNonASCII.insert("é", at: expectedNonASCII.index(expectedNonASCII.startIndex, offsetBy: position))
            #expect(try JSONParser.parse([0x22] + nonASCII + [0x22]) == .string(expectedNonASCII), "length \(length), position \(position)")

            let unterminated = [0x22] + Array(repeating: UInt8(ascii: "a"), count: length)
            #expect(parseError(unterminated) == JSONParseError(kind: .syntax, offset: length + 1, reason: "unterminated string starting at byte 0"))
        }
    }

    @Test("bytes at and above 0x80 never end a string early (high bytes in every lane)")
    func highBytesInEveryLane() throws {
        // U+20AC is E2 82 AC; none of its bytes may be mistaken for '"', '\' or a control character.
        for count in 0...17 {
            let text = String(repeating: "€", count: count)
            #expect(try JSONParser.parse("\"" + text + "\"") == .string(text))
        }
    }
}

@Suite("JSONWriter escaping and output")
struct JSONWriterTests {
    @Test("control characters, quote and backslash are escaped; nothing else is")
    func escaping() throws {
        var input = ""
        for value in 0..<0x20 {
            input.unicodeScalars.append(UnicodeScalar(UInt8(value)))
        }
        input += "\"\\/\u{7F}é😀\u{2028}"
        var writer = JSONWriter()
        writer.writeString(input)
        let expected = #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + "\\\"\\\\/\u{7F}é😀\u{2028}\""
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
        #expect(try JSONParser.parse(writer.bytes) == .string(input))
    }

    @Test("strings without escapes are written verbatim", arguments: ["", "a", "hello world", String(repeating: "x", count: 1000), "中文 text"])
    func verbatim(_ text: String) {
        var writer = JSONWriter()
        writer.writeString(text)
        #expect(writer.bytes == [0x22] + Array(text.utf8) + [0x22])
    }

    @Test("strings cut from other strings are escaped the same way")
    func substringBackedString() {
        let base = "xx\"a\nb\"yy"
        let sliced = String(base.dropFirst(2).dropLast(2))
        var writer = JSONWriter()
        writer.writeString(sliced)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""\"a\nb\"""#)
    }

    @Test("writeInt writes decimal text", arguments: [
        (0, "0"), (7, "7"), (-1, "-1"), (10, "10"), (100, "100"), (-120, "-120"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ] as [(Int64, String)])
    func writeInt(_ value: Int64, _ text: String) {
        var writer = JSONWriter()
        writer.writeRaw("[")
        writer.writeInt(value)
        writer.writeRaw("]")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[" + text + "]")
    }

    @Test("hand-built records with writeRaw, writeString, writeNumber")
    func handBuilt() throws {
        var writer = JSONWriter(reservingCapacity: 64)
        writer.writeRaw("{")
        writer.writeString("id")
        writer.writeRaw(":")
        writer.writeNumber(JSONNumber(text: "1.50e3")!)
        writer.writeRaw(",")
        writer.writeString("tags")
        writer.writeRaw(bytes: Array(#":["a"]}"#.utf8))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"id":1.50e3,"tags":["a"]}"#)
        #expect(try JSONParser.parse(writer.bytes) == ["id": .number(JSONNumber(text: "1.50e3")!), "tags": ["a"]])

        writer.bytes.removeAll(keepingCapacity: true)
        writer.write(nil)
        #expect(writer.bytes == Array("null".utf8))
    }

    @Test("every kind of value is written compactly")
    func compact() {
        let value: JSONValue = [
            "null": nil, "t": true, "f": false, "int": 12, "float": 1.5, "s": "x",
            "empty": [:], "list": [], "nested": ["a": [1, [2, [3]]]],
        ]
        #expect(value.jsonString == #"{"null":null,"t":true,"f":false,"int":12,"float":1.5,"s":"x","empty":{},"list":[],"nested":{"a":[1,[2,[3]]]}}"#)
        #expect("\(value)" == value.jsonString)
    }
}
