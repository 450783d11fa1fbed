import Logging
import Testing
import WinnowCore
import WinnowJSON
@testable import WinnowQuality

@Suite struct PIIRedactorTests {
    static func redact(_ text: String) throws -> (String, JSONObject) {
        let context = TaskContext(rank: 0, worldSize: 1, phase: "t", runDirectory: "/nonexistent", logger: Logger(label: "t"))
        var processor = try PIIRedactor().makeProcessor(context: context)
        var document = Document(id: "d", text: text, source: "t", origin: Origin(path: "x", inputIndex: 0, ordinal: 0))
        #expect(try processor.process(&document) == .keep)
        return (document.text, document.attributes["pii.redact"]!.objectValue!)
    }

    @Test(arguments: [
        ("mail joe@falcot.com now", "mail <EMAIL> now"),
        ("Contact: Ana.Lopez+list@mail.example.org.", "Contact: <EMAIL>."),
        ("server 192.168.1.20, gateway 10.0.0.1", "server <IPV4>, gateway <IPV4>"),
        ("version 1.2.3.4.5 and 300.1.1.1 stay", "version 1.2.3.4.5 and 300.1.1.1 stay"),
        ("v6 2001:db8::8a2e:370:7334 and fe80::1", "v6 <IPV6> and <IPV6>"),
        ("full 2001:0db8:0000:0000:0000:ff00:0042:8329 x", "full <IPV6> x"),
        ("std::vector and 12:34:56 stay", "std::vector and 12:34:56 stay"),
        ("call +49 30 1234567 or (555) 123-4567 or 555-123-4567", "call <PHONE> or <PHONE> or <PHONE>"),
        ("card 4111 1111 1111 1111 ok", "card <CREDIT_CARD> ok"),
        ("card 4111-1111-1111-1112 fails Luhn", "card 4111-1111-1111-1112 fails Luhn"),
        ("iban DE89 3704 0044 0532 0130 00 ok", "iban <IBAN> ok"),
        ("iban GB82WEST12345698765432.", "iban <IBAN>."),
        ("bad DE89 3704 0044 0532 0130 02", "bad DE89 3704 0044 0532 0130 02"),
        ("no pii: café — 2024-01-15", "no pii: café — 2024-01-15"),
    ])
    func redacts(_ input: String, _ expected: String) throws {
        #expect(try Self.redact(input).0 == expected)
    }

    @Test func recordsCountsAndByteSpansNotValues() throws {
        let (text, attributes) = try Self.redact("é joe@falcot.com, 10.1.2.3")
        #expect(text == "é <EMAIL>, <IPV4>")
        #expect(attributes["counts"] == .object([
            "email": 1, "ipv4": 1, "ipv6": 0, "phone": 0, "credit_card": 0, "iban": 0,
        ]))
        #expect(attributes["spans"] == .array([.array([3, 17, "email"]), .array([19, 27, "ipv4"])]))
    }

    @Test func luhnAndMod97() {
        #expect(PIIScanner.luhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!PIIScanner.luhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
        #expect(PIIScanner.mod97(Array("GB82WEST12345698765432".utf8)) == 1)
        #expect(PIIScanner.mod97(Array("GB83WEST12345698765432".utf8)) != 1)
    }
}
