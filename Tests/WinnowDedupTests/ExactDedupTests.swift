import Testing
import WinnowCore
import WinnowDedup

@Suite struct TextNormalizationTests {
    static func normalize(_ text: String, _ mode: TextNormalization) -> String {
        var out: [UInt8] = []
        mode.normalize(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func foldsWhitespaceAndCase() {
        #expect(Self.normalize("  Hello\n\n  World\u{00A0}Ünïcode \t", .whitespaceAndCase) == "hello world ünïcode")
        #expect(Self.normalize("  Hello\n\n  World ", .whitespace) == "Hello World")
        #expect(Self.normalize(" A  b ", .none) == " A  b ")
        #expect(Self.normalize("", .whitespaceAndCase) == "")
        #expect(Self.normalize(" \n\t ", .whitespaceAndCase) == "")
    }

    @Test func validationBoundsPartitions() {
        #expect(throws: WinnowError.self) { try ExactDedup(partitions: 0).validate() }
        #expect(throws: Never.self) { try ExactDedup(partitions: 16).validate() }
    }
}
