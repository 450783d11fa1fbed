import Testing
import WinnowJSON

/// One malformed input and the exact error it must produce.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let input: [UInt8]
    let expected: JSONParseError
    var maxDepth = JSONParser.defaultMaxDepth

    init(_ input: String, _ kind: JSONParseError.Kind, _ offset: Int, _ reason: String, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.init(Array(input.utf8), kind, offset, reason, maxDepth: maxDepth)
    }

    init(_ input: [UInt8], _ kind: JSONParseError.Kind, _ offset: Int, _ reason: String, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.input = input
        self.expected = JSONParseError(kind: kind, offset: offset, reason: reason)
        self.maxDepth = maxDepth
    }

    var testDescription: String { render(input) }
}

@Suite("JSONParser errors name their kind, offset and reason")
struct JSONParseErrorTests {
    static let syntaxCases: [ErrorCase] = [
        ErrorCase(#"{"a":1,}"#, .syntax, 7, "trailing comma in object: expected a string key before '}'"),
        ErrorCase("[1,2,]", .syntax, 5, "trailing comma in array: expected a value before ']'"),
        ErrorCase("[1,2, ]", .syntax, 6, "trailing comma in array: expected a value before ']'"),
        ErrorCase("[,1]", .syntax, 1, "unexpected character ',': expected a JSON value"),
        ErrorCase(#"{"a" 1}"#, .syntax, 5, "expected ':' after object key, found '1'"),
        ErrorCase(#"{"a":1 "b":2}"#, .syntax, 7, #"expected ',' or '}' after object member, found '"'"#),
        ErrorCase("[1 2]", .syntax, 3, "expected ',' or ']' after array element, found '2'"),
        ErrorCase("{a:1}", .syntax, 1, "expected a string key or '}', found 'a'"),
        ErrorCase(#"{"a":1,b:2}"#, .syntax, 7, "expected a string key, found 'b'"),
        ErrorCase("[1,2", .syntax, 4, "unexpected end of input: expected ',' or ']' after array element"),
        ErrorCase(#"{"a":1"#, .syntax, 6, "unexpected end of input: expected ',' or '}' after object member"),
        ErrorCase(#"{"a":"#, .syntax, 5, "unexpected end of input: expected a JSON value"),
        ErrorCase(#"{"a""#, .syntax, 4, "unexpected end of input: expected ':' after object key"),
        ErrorCase("{", .syntax, 1, "unexpected end of input: expected a string key"),
        ErrorCase("[", .syntax, 1, "unexpected end of input: expected a JSON value"),
        ErrorCase("]", .syntax, 0, "unexpected character ']': expected a JSON value"),
        ErrorCase("1 2", .syntax, 2, "unexpected data after JSON value"),
        ErrorCase("{} {}", .syntax, 3, "unexpected data after JSON value"),
        ErrorCase("[1]]", .syntax, 3, "unexpected data after JSON value"),
        ErrorCase("// comment\n1", .syntax, 0, "unexpected character '/': expected a JSON value"),
        ErrorCase("[1/*c*/]", .syntax, 2, "expected ',' or ']' after array element, found '/'"),
        ErrorCase("NaN", .syntax, 0, "unexpected character 'N': expected a JSON value"),
        ErrorCase("Infinity", .syntax, 0, "unexpected character 'I': expected a JSON value"),
        ErrorCase("-Infinity", .syntax, 1, "invalid number: expected digit after '-'"),
        ErrorCase("tru", .syntax, 3, "invalid literal: expected 'true'"),
        ErrorCase("nul1", .syntax, 3, "invalid literal: expected 'null'"),
        ErrorCase("falsy", .syntax, 4, "invalid literal: expected 'false'"),
        ErrorCase("True", .syntax, 0, "unexpected character 'T': expected a JSON value"),
        ErrorCase("'a'", .syntax, 0, "unexpected character ''': expected a JSON value"),
        ErrorCase("\u{0B}1", .syntax, 0, "unexpected character 0x0B: expected a JSON value"),
        ErrorCase("\u{FEFF}1", .syntax, 0, "unexpected character 0xEF: expected a JSON value"),
        ErrorCase([0x5B, 0xFF, 0x5D], .syntax, 1, "unexpected character 0xFF: expected a JSON value"),
        ErrorCase(#""abc"#, .syntax, 4, "unterminated string starting at byte 0"),
        ErrorCase(#"["a","bc"#, .syntax, 8, "unterminated string starting at byte 5"),
        ErrorCase(#""ab\"#, .syntax, 4, "unexpected end of input in escape sequence"),
        ErrorCase("\"a\nb\"", .syntax, 2, "unescaped control character 0x0A in string"),
        ErrorCase("\"a\u{0}\"", .syntax, 2, "unescaped control character 0x00 in string"),
        ErrorCase("\"a\\n\tb\"", .syntax, 4, "unescaped control character 0x09 in string"),
        ErrorCase(#""\x""#, .syntax, 1, "invalid escape sequence '\\' followed by 'x'"),
        ErrorCase(#""ab\'""#, .syntax, 3, "invalid escape sequence '\\' followed by '''"),
        ErrorCase(#""\u12G4""#, .syntax, 5, "invalid \\u escape: expected 4 hex digits, found 'G'"),
        ErrorCase(#""\u12"#, .syntax, 5, "unexpected end of input in \\u escape: expected 4 hex digits"),
        ErrorCase(#""\uD83D\uZZZZ""#, .syntax, 9, "invalid \\u escape: expected 4 hex digits, found 'Z'"),
        ErrorCase("01", .syntax, 1, "invalid number: leading zeros are not allowed in numbers"),
        ErrorCase("[-]", .syntax, 2, "invalid number: expected digit after '-'"),
        ErrorCase("1.", .syntax, 2, "invalid number: expected digit after decimal point"),
        ErrorCase("1.e5", .syntax, 2, "invalid number: expected digit after decimal point"),
        ErrorCase("1e", .syntax, 2, "invalid number: expected digit in exponent"),
        ErrorCase("1e+", .syntax, 3, "invalid number: expected digit in exponent"),
        ErrorCase(".5", .syntax, 0, "unexpected character '.': expected a JSON value"),
        ErrorCase("+1", .syntax, 0, "unexpected character '+': expected a JSON value"),
        ErrorCase("0x1", .syntax, 1, "unexpected data after JSON value"),
    ]

    @Test("syntax errors", arguments: syntaxCases)
    func syntax(_ testCase: ErrorCase) {
        #expect(parseError(testCase.input, maxDepth: testCase.maxDepth) == testCase.expected)
    }

    static let emptyCases: [ErrorCase] = [
        ErrorCase("", .empty, 0, "empty input: expected a JSON value"),
        ErrorCase(" ", .empty, 1, "input holds only whitespace: expected a JSON value"),
        ErrorCase(" \t\r\n  ", .empty, 6, "input holds only whitespace: expected a JSON value"),
    ]

    @Test("empty and whitespace-only input", arguments: emptyCases)
    func empty(_ testCase: ErrorCase) {
        #expect(parseError(testCase.input) == testCase.expected)
    }

    @Test("an empty raw buffer with no base address is .empty at byte 0")
    func emptyRawBuffer() {
        let buffer = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(throws: JSONParseError(kind: .empty, offset: 0, reason: "empty input: expected a JSON value")) {
            try JSONParser.parse(buffer)
        }
    }

    static let depthCases: [ErrorCase] = [
        ErrorCase("[[[1]]]", .tooDeep, 2, "arrays and objects nested more than 2 levels deep", maxDepth: 2),
        ErrorCase(#"{"a":{"b":[]}}"#, .tooDeep, 10, "arrays and objects nested more than 2 levels deep", maxDepth: 2),
        ErrorCase("[]", .tooDeep, 0, "arrays and objects nested more than 0 levels deep", maxDepth: 0),
        ErrorCase("[[], [[]]]", .tooDeep, 6, "arrays and objects nested more than 2 levels deep", maxDepth: 2),
    ]

    @Test("nesting deeper than maxDepth", arguments: depthCases)
    func tooDeep(_ testCase: ErrorCase) {
        #expect(parseError(testCase.input, maxDepth: testCase.maxDepth) == testCase.expected)
    }

    static let duplicateCases: [ErrorCase] = [
        ErrorCase(#"{"a":1,"a":2}"#, .duplicateKey, 7, #"duplicate object key "a""#),
        ErrorCase(#"{"a":1, "b":2, "a":3}"#, .duplicateKey, 15, #"duplicate object key "a""#),
        ErrorCase(#"{"x":{"a":1,"a":2}}"#, .duplicateKey, 12, #"duplicate object key "a""#),
        ErrorCase(#"{"a":1,"\u0061":2}"#, .duplicateKey, 7, #"duplicate object key "a""#),
        ErrorCase(#"{"":1,"":2}"#, .duplicateKey, 6, #"duplicate object key """#),
    ]

    @Test("duplicate keys are reported at the second key", arguments: duplicateCases)
    func duplicateKey(_ testCase: ErrorCase) {
        #expect(parseError(testCase.input) == testCase.expected)
    }

    @Test("duplicate keys in a large object (hash-set path) are found at the second key", arguments: [13, 40, 500])
    func duplicateInLargeObject(memberCount: Int) throws {
        var text = "{"
        for index in 0..<memberCount {
            text += "\"k\(index)\":\(index),"
        }
        let duplicateOffset = text.utf8.count
        text += "\"k\(memberCount / 2)\":0}"
        #expect(parseError(text) == JSONParseError(kind: .duplicateKey, offset: duplicateOffset, reason: "duplicate object key \"k\(memberCount / 2)\""))

        // Without the duplicate the same object parses, members in order.
        let valid = String(text.dropLast("\"k\(memberCount / 2)\":0}".utf8.count + 1)) + "}"
        let object = try #require(try JSONParser.parse(valid).objectValue)
        #expect(object.keys == (0..<memberCount).map { "k\($0)" })
    }

    @Test("canonically equivalent but different keys are not duplicates")
    func canonicallyEquivalentKeys() throws {
        let value = try JSONParser.parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        #expect(value.objectValue?.keys.map { Array($0.unicodeScalars) } == [["\u{E9}"], ["e", "\u{301}"]])
    }

    @Test("description is byte <offset>: <reason>")
    func description() {
        let error = JSONParseError(kind: .syntax, offset: 14, reason: "expected ',' or '}' after object member")
        #expect(error.description == "byte 14: expected ',' or '}' after object member")
        #expect("\(error)" == "byte 14: expected ',' or '}' after object member")
    }

    @Test("String input reports offsets in UTF-8 bytes")
    func stringOffsetsAreUTF8() {
        #expect(parseError("[\"中文\", x]") == JSONParseError(kind: .syntax, offset: 11, reason: "unexpected character 'x': expected a JSON value"))
        do {
            _ = try JSONParser.parse("[\"中文\", x]")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 11)
        }
    }

    @Test("offsets are relative to the buffer passed in, such as one JSONL line")
    func offsetsRelativeToSlice() throws {
        let jsonl = Array("{\"a\":1}\n{\"a\":1,}\n".utf8)
        let secondLine = 8..<(jsonl.count - 1)
        let error: JSONParseError? = jsonl.withUnsafeBytes { all -> JSONParseError? in
            do throws(JSONParseError) {
                _ = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: all[secondLine]))
                return nil
            } catch {
                return error
            }
        }
        #expect(error == JSONParseError(kind: .syntax, offset: 7, reason: "trailing comma in object: expected a string key before '}'"))
        let first = try jsonl.withUnsafeBytes { all in try JSONParser.parse(UnsafeRawBufferPointer(rebasing: all[0..<7])) }
        #expect(first == ["a": 1])
    }

    @Test("all three entry points agree", arguments: syntaxCases.map(\.input).prefix(20))
    func entryPointsAgree(_ input: [UInt8]) {
        let fromArray = parseError(input)
        let fromBuffer: JSONParseError? = input.withUnsafeBytes { buffer -> JSONParseError? in
            do throws(JSONParseError) {
                _ = try JSONParser.parse(buffer)
                return nil
            } catch {
                return error
            }
        }
        #expect(fromArray != nil)
        #expect(fromBuffer == fromArray)
        if let text = String(validating: input, as: UTF8.self) {
            do {
                _ = try JSONParser.parse(text)
                Issue.record("expected an error")
            } catch {
                #expect(error == fromArray)
            }
        }
    }
}
