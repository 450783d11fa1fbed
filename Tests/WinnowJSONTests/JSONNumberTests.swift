import Testing
import WinnowJSON

@Suite("JSONNumber grammar and conversions")
struct JSONNumberTests {
    static let validTexts = [
        "0", "-0", "1.5", "1e10", "1E-2", "-12.5e+3", "123", "0.0", "1e0", "1.0E+00", "1.50e3",
        "-0.000001", "9007199254740993", "1e400", "123456789012345678901234567890", "5e-324", "0e0",
    ]

    @Test("valid number texts are kept verbatim and parse to the same text", arguments: validTexts)
    func valid(_ text: String) throws {
        let number = try #require(JSONNumber(text: text))
        #expect(number.text == text)
        #expect(number.description == text)
        #expect(try JSONParser.parse(text) == .number(number))
        #expect(try JSONParser.parse("[\(text)]") == .array([.number(number)]))
        #expect(JSONValue.number(number).jsonString == text)
    }

    static let invalidTexts = [
        "01", "1.", ".5", "+1", "1e", "-", "0x1", "", " 1", "1 ", "1.e3", "--1", "1e+", "-01", "00",
        "NaN", "Infinity", "-Infinity", "1_000", "1,5", "١", "1e1.5", "0.", "-.5", "e5",
    ]

    @Test("invalid number texts are rejected", arguments: invalidTexts)
    func invalid(_ text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    struct ParseCase: Sendable {
        let text: String
        let offset: Int
        let reason: String
    }

    @Test("invalid numbers fail to parse at the offending byte", arguments: [
        ParseCase(text: "01", offset: 1, reason: "invalid number: leading zeros are not allowed in numbers"),
        ParseCase(text: "-01", offset: 2, reason: "invalid number: leading zeros are not allowed in numbers"),
        ParseCase(text: "1.", offset: 2, reason: "invalid number: expected digit after decimal point"),
        ParseCase(text: ".5", offset: 0, reason: "unexpected character '.': expected a JSON value"),
        ParseCase(text: "+1", offset: 0, reason: "unexpected character '+': expected a JSON value"),
        ParseCase(text: "1e", offset: 2, reason: "invalid number: expected digit in exponent"),
        ParseCase(text: "-", offset: 1, reason: "invalid number: expected digit after '-'"),
        ParseCase(text: "0x1", offset: 1, reason: "unexpected data after JSON value"),
        ParseCase(text: "1e1.5", offset: 3, reason: "unexpected data after JSON value"),
        ParseCase(text: "-.5", offset: 1, reason: "invalid number: expected digit after '-'"),
    ])
    func invalidParse(_ testCase: ParseCase) {
        #expect(parseError(testCase.text) == JSONParseError(kind: .syntax, offset: testCase.offset, reason: testCase.reason))
    }

    @Test("int64Value is exact: integer literals in range only")
    func int64Value() {
        #expect(JSONNumber(text: "0")?.int64Value == 0)
        #expect(JSONNumber(text: "-0")?.int64Value == 0)
        #expect(JSONNumber(text: "42")?.int64Value == 42)
        #expect(JSONNumber(text: "9223372036854775807")?.int64Value == Int64.max)
        #expect(JSONNumber(text: "-9223372036854775808")?.int64Value == Int64.min)
        #expect(JSONNumber(text: "9223372036854775808")?.int64Value == nil)
        #expect(JSONNumber(text: "-9223372036854775809")?.int64Value == nil)
        #expect(JSONNumber(text: "1.0")?.int64Value == nil)
        #expect(JSONNumber(text: "1e3")?.int64Value == nil)
    }

    @Test("doubleValue is correctly rounded and nil beyond Double's range")
    func doubleValue() {
        #expect(JSONNumber(text: "1.5")?.doubleValue == 1.5)
        #expect(JSONNumber(text: "1E-2")?.doubleValue == 0.01)
        #expect(JSONNumber(text: "-12.5e+3")?.doubleValue == -12500)
        #expect(JSONNumber(text: "0.1")?.doubleValue == 0.1)
        #expect(JSONNumber(text: "9007199254740993")?.doubleValue == 9007199254740992)
        #expect(JSONNumber(text: "1.7976931348623157e308")?.doubleValue == .greatestFiniteMagnitude)
        #expect(JSONNumber(text: "5e-324")?.doubleValue == .leastNonzeroMagnitude)
        #expect(JSONNumber(text: "1e-400")?.doubleValue == 0)
        #expect(JSONNumber(text: "1e400")?.doubleValue == nil)
        #expect(JSONNumber(text: "-1e400")?.doubleValue == nil)
        let negativeZero = JSONNumber(text: "-0")?.doubleValue
        #expect(negativeZero == 0 && negativeZero?.sign == .minus)
    }

    @Test("init(Double) writes the shortest round-trip text", arguments: [
        (0.1, "0.1"), (1.5, "1.5"), (1.0, "1.0"), (-0.0, "-0.0"), (1e-5, "1e-05"), (1e16, "1e+16"),
        (123456.789, "123456.789"), (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ] as [(Double, String)])
    func fromDouble(_ value: Double, _ text: String) {
        let number = JSONNumber(value)
        #expect(number.text == text)
        #expect(number.doubleValue == value)
        #expect(JSONNumber(text: number.text) == number)
    }

    @Test("10,000 random doubles: text → doubleValue and parse give back exactly the same Double")
    func doublesRoundTripExactly() throws {
        var random = SplitMix64(seed: 0xD0_0B1E)
        var checked = 0
        while checked < 10_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            let number = JSONNumber(value)
            #expect(number.doubleValue?.bitPattern == value.bitPattern, "\(number.text)")
            #expect(try JSONParser.parse(number.text).doubleValue?.bitPattern == value.bitPattern, "\(number.text)")
            checked += 1
        }
    }

    @Test("init(Int64) and init(Int) write decimal text")
    func fromIntegers() {
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber(Int64.max).text == "9223372036854775807")
        #expect(JSONNumber(0 as Int).text == "0")
        #expect(JSONNumber(-17 as Int).text == "-17")
    }

    @Test("equality is textual")
    func textualEquality() {
        #expect(JSONNumber(text: "1.0") != JSONNumber(text: "1"))
        #expect(JSONNumber(text: "1e3") != JSONNumber(text: "1E3"))
        #expect(JSONNumber(text: "1.50e3") == JSONNumber(text: "1.50e3"))
    }
}
