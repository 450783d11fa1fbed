import Testing
@testable import WinnowQuality

/// Examples of spaCy's English tokenization (spaCy 3.8, `spacy.blank("en")`), which datatrove's filters use.
@Suite struct EnglishWordTokenizerTests {
    static func words(_ text: String) -> [String] {
        var analyzer = TextAnalyzer()
        analyzer.load(text)
        analyzer.words()
        return analyzer.tokens.map { analyzer.text.string($0.range) }
    }

    @Test(arguments: [
        ("Don't split U.S. e.g. here.", ["Do", "n't", "split", "U.S.", "e.g.", "here", "."]),
        ("(see https://deb.debian.org/debian).", ["(", "see", "https://deb.debian.org/debian", ")", "."]),
        ("a well-known 10km run, 5MB of data", ["a", "well", "-", "known", "10", "km", "run", ",", "5", "MB", "of", "data"]),
        ("call foo():", ["call", "foo", "(", "):"]),
        ("I'm sure it's cannot...", ["I", "'m", "sure", "it", "'s", "can", "not", "..."]),
        ("x=1;y=2 id=3", ["x=1;y=2", "id=3"]),
        ("日本語。テスト", ["日本語。テスト"]),
    ])
    func tokenizesLikeSpacy(_ text: String, _ expected: [String]) {
        #expect(Self.words(text) == expected)
    }

    /// A long run of digits in a host-like token once overflowed the IPv4 octet parser.
    @Test func longNumbersDoNotOverflow() {
        let digits = String(repeating: "9", count: 40)
        #expect(Self.words("\(digits).\(digits).com") == ["\(digits).\(digits).com"])
    }
}
