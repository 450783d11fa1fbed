public import WinnowCore
internal import WinnowJSON

/// Identifies each document's language with CLD2 (see ``CLD2``; results match pycld2's `detect`) and
/// optionally keeps only some languages.
///
/// Records under the stage label `{"lang", "score", "reliable", "text_bytes", "top3": [[code, percent], ...]}`
/// where `lang` is CLD2's top language code (`un` when CLD2 finds none) and `score` its confidence: the
/// fraction of the text's bytes CLD2 assigned to that language (pycld2's `percent / 100`). With
/// `setMetadata` (off by default: inputs often have their own `metadata.lang`) the code and score are also
/// written to `metadata.lang` and `metadata.lang_score`
/// (overwriting them), so later stages and the shards carry them.
///
/// Drops: `language_not_allowed` when `languages` is non-empty and does not contain `lang`;
/// `low_language_score` when `score < minScore`.
public struct LanguageFilter: DocumentStage {
    public static let identifier: StageIdentifier = "lang.cld2@1"

    public var label: String
    /// Languages to keep (CLD2 codes such as `en`, `de`, `zh`); empty keeps every language.
    public var languages: [String]
    /// Minimum confidence in [0, 1].
    public var minScore: Double
    public var setMetadata: Bool
    /// Treat the text as plain text rather than HTML (pycld2's `isPlainText`; default false, as pycld2).
    public var plainText: Bool

    public init(languages: [String] = [], minScore: Double = 0, setMetadata: Bool = false, plainText: Bool = false, label: String = "lang.cld2") {
        self.label = label
        self.languages = languages
        self.minScore = minScore
        self.setMetadata = setMetadata
        self.plainText = plainText
    }

    public func validate() throws {
        guard minScore >= 0, minScore <= 1 else { throw invalid("minScore \(minScore) outside [0, 1]") }
        if languages.contains(where: \.isEmpty) { throw invalid("languages must not contain empty codes") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: LanguageFilter

        mutating func process(_ document: inout Document) throws -> Decision {
            let result = CLD2.detect(document.text, plainText: stage.plainText)
            let top = result.languages[0]
            let score = Double(top.percent) / 100
            document.attributes[stage.label] = .object([
                "lang": .string(top.code), "score": .number(JSONNumber(score)), "reliable": .bool(result.isReliable),
                "text_bytes": .number(JSONNumber(result.textBytes)),
                "top3": .array(result.languages.map { .array([.string($0.code), .number(JSONNumber($0.percent))]) }),
            ])
            if stage.setMetadata {
                document.metadata["lang"] = .string(top.code)
                document.metadata["lang_score"] = .number(JSONNumber(score))
            }
            if !stage.languages.isEmpty, !stage.languages.contains(top.code) {
                return .drop(reason: "language_not_allowed", detail: "\(top.code) not in \(stage.languages.joined(separator: ","))")
            }
            if score < stage.minScore {
                return .drop(reason: "low_language_score", detail: "\(top.code) \(score) < \(stage.minScore)")
            }
            return .keep
        }
    }
}
