public import WinnowCore
internal import WinnowJSON

/// Keeps documents whose length is within bounds: characters (Unicode scalars) and whitespace-separated
/// words. Records `{"characters": C, "words": W}` in the document's attributes under the stage label.
/// Drop reasons: `too_short`, `too_long`, `too_few_words`, `too_many_words`.
public struct LengthFilter: DocumentStage {
    public static let identifier: StageIdentifier = "filter.length@1"

    public var label: String
    public var minCharacters: Int
    public var maxCharacters: Int?
    public var minWords: Int
    public var maxWords: Int?

    public init(
        minCharacters: Int = 0, maxCharacters: Int? = nil, minWords: Int = 0, maxWords: Int? = nil,
        label: String = "filter.length"
    ) {
        self.label = label
        self.minCharacters = minCharacters
        self.maxCharacters = maxCharacters
        self.minWords = minWords
        self.maxWords = maxWords
    }

    public func validate() throws {
        guard minCharacters >= 0, minWords >= 0 else { throw invalid("minimums must not be negative") }
        if let maxCharacters, maxCharacters < minCharacters {
            throw invalid("maxCharacters \(maxCharacters) < minCharacters \(minCharacters)")
        }
        if let maxWords, maxWords < minWords { throw invalid("maxWords \(maxWords) < minWords \(minWords)") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: LengthFilter

        mutating func process(_ document: inout Document) throws -> Decision {
            var characters = 0
            var words = 0
            var inWord = false
            for scalar in document.text.unicodeScalars {
                characters += 1
                if scalar.properties.isWhitespace {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            document.attributes[stage.label] = .object([
                "characters": .number(JSONNumber(characters)), "words": .number(JSONNumber(words)),
            ])
            if characters < stage.minCharacters {
                return .drop(reason: "too_short", detail: "\(characters) characters < \(stage.minCharacters)")
            }
            if let max = stage.maxCharacters, characters > max {
                return .drop(reason: "too_long", detail: "\(characters) characters > \(max)")
            }
            if words < stage.minWords {
                return .drop(reason: "too_few_words", detail: "\(words) words < \(stage.minWords)")
            }
            if let max = stage.maxWords, words > max {
                return .drop(reason: "too_many_words", detail: "\(words) words > \(max)")
            }
            return .keep
        }
    }
}
