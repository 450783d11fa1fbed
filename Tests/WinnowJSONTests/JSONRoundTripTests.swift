import Testing
import WinnowJSON

@Suite("parse → write → parse round trips")
struct JSONRoundTripTests {
    /// Compact texts that JSONWriter reproduces byte for byte.
    static let compactTexts = [
        "null", "true", "false", "0", "-0", "1.50e3", "-12.5E+3", #""""#, #""a""#, "[]", "{}",
        "[null,true,false,1,\"x\",[],{}]",
        #"{"id":"doc-1","text":"Line one\nLine \"two\"\tend\\","metadata":{"score":0.875,"tags":["a","b"],"n":null}}"#,
        #"{"b":1,"a":2,"c":{"z":[1,2,{"y":"é😀"}],"a":{}}}"#,
        #"["\u0000\u001f",""]"#,
        "[[[[[[[[[[1]]]]]]]]]]",
        #"{"":{"":{"":""}}}"#,
        #"{"url":"http://x/y","path":"a/b"}"#,
    ]

    @Test("compact texts are reproduced exactly", arguments: compactTexts)
    func reproduceCompact(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.jsonString == text)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }

    /// Texts with whitespace, escapes the writer does not produce, and mixed forms; their
    /// re-serialization is compact and then stable.
    static let looseTexts: [(String, String)] = [
        (" \t\r\n[ 1 , 2 ]\n", "[1,2]"),
        ("{ \"a\" : [ ] , \"b\" : { } }", #"{"a":[],"b":{}}"#),
        (#""\/\u0041\u00e9\uD83D\uDE00""#, #""/Aé😀""#),
        (#""\u000B\u007F""#, "\"\\u000b\u{7F}\""),
        (#"["\b\f\n\r\t"]"#, #"["\b\f\n\r\t"]"#),
    ]

    @Test("loose texts become compact, then stay fixed", arguments: looseTexts)
    func normalizeLoose(_ text: String, _ compact: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.jsonString == compact)
        let reparsed = try JSONParser.parse(compact)
        #expect(reparsed == value)
        #expect(reparsed.jsonString == compact)
    }

    @Test("2,000 generated values survive write → parse unchanged, with and without sortKeys")
    func generated() throws {
        var generator = RandomJSONGenerator(seed: 0x5EED_0001)
        for index in 0..<2_000 {
            let value = generator.value()
            let bytes = value.serialized()
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value, "value \(index)")
            #expect(parsed.serialized() == bytes, "value \(index)")

            let canonicalBytes = value.serialized(sortKeys: true)
            let canonical = try JSONParser.parse(canonicalBytes)
            #expect(canonical == value.canonicalized(), "value \(index)")
            #expect(canonical.serialized() == canonicalBytes, "value \(index)")
        }
    }
}

@Suite("Canonical output (sortKeys) is stable")
struct JSONCanonicalTests {
    @Test("member order does not change sorted output, at any level")
    func orderIndependent() throws {
        let first = try JSONParser.parse(#"{"b":{"y":1,"x":[{"q":1,"p":2}]},"a":"é","😀":0,"\uFFFD":1}"#)
        let second = try JSONParser.parse(#"{"\uFFFD":1,"😀":0,"a":"é","b":{"x":[{"p":2,"q":1}],"y":1}}"#)
        #expect(first != second)
        let expected = #"{"a":"é","b":{"x":[{"p":2,"q":1}],"y":1},"\#u{FFFD}":1,"😀":0}"#
        #expect(String(decoding: first.serialized(sortKeys: true), as: UTF8.self) == expected)
        #expect(first.serialized(sortKeys: true) == second.serialized(sortKeys: true))
        #expect(first.canonicalized() == second.canonicalized())
        #expect(first.canonicalized().jsonString == expected)
    }

    @Test("sorted output equals writing the canonicalized value, and is idempotent")
    func matchesCanonicalized() throws {
        var generator = RandomJSONGenerator(seed: 42)
        for index in 0..<300 {
            let value = generator.value()
            let sorted = value.serialized(sortKeys: true)
            #expect(sorted == value.canonicalized().serialized(), "value \(index)")
            #expect(sorted == value.canonicalized().serialized(sortKeys: true), "value \(index)")
            #expect(try JSONParser.parse(sorted).serialized(sortKeys: true) == sorted, "value \(index)")
        }
    }

    @Test("writing the same value twice into a reused writer gives the same bytes")
    func reuse() {
        let value: JSONValue = ["b": [1, 2], "a": ["d": nil, "c": "x"]]
        var writer = JSONWriter(sortKeys: true)
        writer.write(value)
        let first = writer.bytes
        writer.bytes.removeAll(keepingCapacity: true)
        writer.write(value)
        #expect(writer.bytes == first)
        #expect(String(decoding: first, as: UTF8.self) == #"{"a":{"c":"x","d":null},"b":[1,2]}"#)
    }
}

@Suite("Deep nesting fails cleanly")
struct JSONDepthTests {
    @Test("a million unclosed brackets give tooDeep, not a crash")
    func millionBrackets() {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(parseError(input) == JSONParseError(kind: .tooDeep, offset: 512, reason: "arrays and objects nested more than 512 levels deep"))
    }

    @Test("a million nested objects give tooDeep at the 513th brace")
    func millionObjects() {
        let input = Array(String(repeating: #"{"a":"#, count: 1_000_000).utf8)
        #expect(parseError(input) == JSONParseError(kind: .tooDeep, offset: 512 * 5, reason: "arrays and objects nested more than 512 levels deep"))
    }

    @Test("exactly maxDepth levels parse; one more does not", arguments: [1, 2, 100, 512])
    func boundary(depth: Int) throws {
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(nested, maxDepth: depth)
        for _ in 1..<depth {
            value = try #require(value.arrayValue?.first)
        }
        #expect(value == [])

        let deeper = "[" + nested + "]"
        #expect(parseError(deeper, maxDepth: depth)?.kind == .tooDeep)
        #expect(parseError(deeper, maxDepth: depth)?.offset == depth)
    }

    @Test("a million closed brackets beyond maxDepth also fail cleanly")
    func millionClosed() {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 1_000_000)
        #expect(parseError(input)?.kind == .tooDeep)
        #expect(parseError(input, maxDepth: 999_999)?.offset == 999_999)
    }
}
