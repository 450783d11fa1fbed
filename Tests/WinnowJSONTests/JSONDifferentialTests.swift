import Foundation
import Testing
import WinnowJSON

/// Checks JSONWriter and JSONParser against Foundation's independent JSONSerialization.
///
/// Two known defects of swift-corelibs-foundation's JSONSerialization on Linux are allowed for,
/// and nothing else:
/// - its decimal → binary conversion is not correctly rounded (it is off by a few units in the
///   last place for long mantissas and large exponents), so numbers are compared within
///   ``ulpTolerance`` units in the last place. Our own conversion is checked exactly elsewhere:
///   the parsed value must equal the generated one (same text), and `JSONNumberTests` checks that
///   `doubleValue` returns exactly the `Double` a text was written from;
/// - it drops U+FEFF (ZERO WIDTH NO-BREAK SPACE) at the start of a string and after an escape,
///   so strings are compared with U+FEFF removed from both sides. Our parser keeps it (the
///   parsed value must equal the generated one).
@Suite("Differential test against Foundation's JSONSerialization")
struct JSONDifferentialTests {
    @Test("SplitMix64 reproduces the reference sequence")
    func splitMixGolden() {
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test("2,000 generated values: WinnowJSON and Foundation read the same written bytes alike")
    func agreesWithFoundation() throws {
        var generator = RandomJSONGenerator(seed: 0xD1FF_E2E7)
        var kindsSeen: Set<String> = []
        for index in 0..<2_000 {
            let value = generator.value()
            let bytes = value.serialized()
            let ours = try JSONParser.parse(bytes)
            #expect(ours == value, "value \(index)")

            let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            if let mismatch = Self.mismatch(ours, theirs, path: "$", kindsSeen: &kindsSeen) {
                Issue.record("value \(index): \(mismatch)\n\(value.jsonString)")
            }
        }
        // The generator exercised every kind of value.
        #expect(kindsSeen == ["null", "bool", "number", "string", "array", "object"])
    }

    @Test("Foundation's own output parses to the same structure")
    func readsFoundationOutput() throws {
        var generator = RandomJSONGenerator(seed: 7)
        var kindsSeen: Set<String> = []
        for index in 0..<500 {
            let value = generator.value()
            guard case .object = value else { continue }
            let foundationObject = try JSONSerialization.jsonObject(with: Data(value.serialized()))
            let rewritten = try JSONSerialization.data(withJSONObject: foundationObject, options: [.sortedKeys])
            let ours = try JSONParser.parse([UInt8](rewritten))
            if let mismatch = Self.mismatch(ours, foundationObject, path: "$", kindsSeen: &kindsSeen) {
                Issue.record("value \(index): \(mismatch)")
            }
        }
    }

    /// A description of the first place where `ours` and Foundation's `theirs` differ, or `nil`.
    static func mismatch(_ ours: JSONValue, _ theirs: Any, path: String, kindsSeen: inout Set<String>) -> String? {
        switch ours {
        case .null:
            kindsSeen.insert("null")
            return theirs is NSNull ? nil : "\(path): expected null, Foundation has \(theirs)"
        case .bool(let flag):
            kindsSeen.insert("bool")
            guard let number = theirs as? NSNumber, Self.isBoolean(number) else {
                return "\(path): expected Boolean \(flag), Foundation has \(theirs)"
            }
            return number.boolValue == flag ? nil : "\(path): expected \(flag), Foundation has \(number)"
        case .number(let number):
            kindsSeen.insert("number")
            guard let foundationNumber = theirs as? NSNumber, !Self.isBoolean(foundationNumber) else {
                return "\(path): expected number \(number), Foundation has \(theirs)"
            }
            guard let expected = number.doubleValue else {
                return "\(path): number \(number.text) is out of Double's range for us"
            }
            return Self.ulpDistance(foundationNumber.doubleValue, expected) <= Self.ulpTolerance
                ? nil : "\(path): number \(number.text) is \(expected) for us, \(foundationNumber.doubleValue) for Foundation"
        case .string(let string):
            kindsSeen.insert("string")
            guard let foundationString = theirs as? String else {
                return "\(path): expected string, Foundation has \(theirs)"
            }
            return Self.scalarsIgnoringFEFF(foundationString) == Self.scalarsIgnoringFEFF(string)
                ? nil : "\(path): string \(string.debugDescription) is \(foundationString.debugDescription) for Foundation"
        case .array(let elements):
            kindsSeen.insert("array")
            guard let foundationArray = theirs as? [Any] else {
                return "\(path): expected array, Foundation has \(theirs)"
            }
            guard foundationArray.count == elements.count else {
                return "\(path): \(elements.count) elements for us, \(foundationArray.count) for Foundation"
            }
            for (index, element) in elements.enumerated() {
                if let mismatch = mismatch(element, foundationArray[index], path: "\(path)[\(index)]", kindsSeen: &kindsSeen) {
                    return mismatch
                }
            }
            return nil
        case .object(let object):
            kindsSeen.insert("object")
            guard let foundationObject = theirs as? [String: Any] else {
                return "\(path): expected object, Foundation has \(theirs)"
            }
            guard foundationObject.count == object.count else {
                return "\(path): \(object.count) members for us, \(foundationObject.count) for Foundation"
            }
            for entry in object {
                guard let foundationValue = foundationObject[entry.key] else {
                    return "\(path): Foundation lacks key \(entry.key.debugDescription)"
                }
                if let mismatch = mismatch(entry.value, foundationValue, path: "\(path)[\(entry.key.debugDescription)]", kindsSeen: &kindsSeen) {
                    return mismatch
                }
            }
            return nil
        }
    }

    /// How many units in the last place Foundation's numbers may be off by.
    static let ulpTolerance: UInt64 = 16

    /// The number of representable doubles between `a` and `b` (same sign assumed; a sign
    /// mismatch between non-zero values counts as infinitely far).
    static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
        if a == b { return 0 }
        guard a.sign == b.sign || a == 0 || b == 0 else { return .max }
        let x = a.magnitude.bitPattern
        let y = b.magnitude.bitPattern
        return x > y ? x - y : y - x
    }

    static func scalarsIgnoringFEFF(_ string: String) -> [UnicodeScalar] {
        string.unicodeScalars.filter { $0 != "\u{FEFF}" }
    }

    /// Whether Foundation produced this number for `true`/`false`.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
