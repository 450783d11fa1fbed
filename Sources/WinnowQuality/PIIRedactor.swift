public import WinnowCore
internal import WinnowJSON

/// Replaces personal data in the text with typed placeholders (`<EMAIL>`, `<IPV4>`, `<IPV6>`, `<PHONE>`,
/// `<CREDIT_CARD>`, `<IBAN>`); see ``PIIScanner`` for what each kind matches and how it is validated.
///
/// Records under the stage label `{"counts": {"email": n, ...}, "spans": [[start, end, "email"], ...]}`:
/// every kind's count (zeros included) and each redacted span as UTF-8 byte offsets into the text *before*
/// redaction, with its kind, never the redacted value. Never drops a document.
public struct PIIRedactor: DocumentStage {
    public static let identifier: StageIdentifier = "pii.redact@1"

    /// The kinds of personal data a ``PIIRedactor`` can redact.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case email, ipv4, ipv6, phone, creditCard = "credit_card", iban
    }

    public var label: String
    public var kinds: [Kind]

    public init(kinds: [Kind] = Kind.allCases, label: String = "pii.redact") {
        self.label = label
        self.kinds = kinds
    }

    public func validate() throws {
        if kinds.isEmpty { throw invalid("kinds is empty: nothing to redact") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: PIIRedactor
        let kinds: Set<PIIScanner.Kind>

        init(stage: PIIRedactor) {
            self.stage = stage
            self.kinds = Set(stage.kinds.map { PIIScanner.Kind(rawValue: $0.rawValue)! })
        }

        mutating func process(_ document: inout Document) throws -> Decision {
            var text = document.text
            var output: [UInt8] = []
            var spans: [PIIScanner.Span] = []
            text.withUTF8 { bytes in
                spans = PIIScanner.scan(bytes, kinds: kinds)
                guard !spans.isEmpty else { return }
                output.reserveCapacity(bytes.count)
                var position = 0
                for span in spans {
                    output.append(contentsOf: bytes[position..<span.start])
                    output.append(contentsOf: span.kind.placeholder.utf8)
                    position = span.end
                }
                output.append(contentsOf: bytes[position...])
            }
            if !spans.isEmpty { document.text = String(decoding: output, as: UTF8.self) }
            var counts = JSONObject()
            for kind in PIIScanner.Kind.allCases where kinds.contains(kind) {
                counts[kind.rawValue] = .number(JSONNumber(spans.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }))
            }
            document.attributes[stage.label] = .object([
                "counts": .object(counts),
                "spans": .array(spans.map { .array([.number(JSONNumber($0.start)), .number(JSONNumber($0.end)), .string($0.kind.rawValue)]) }),
            ])
            return .keep
        }
    }
}
