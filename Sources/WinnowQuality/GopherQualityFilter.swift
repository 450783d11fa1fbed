public import WinnowCore
internal import WinnowJSON

/// The Gopher quality rules (Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from
/// Training Gopher", appendix A), as datatrove's `GopherQualityFilter` applies them. Words come from
/// ``EnglishWordTokenizer``; a *symbol word* is made only of punctuation.
///
/// In order (the first rule that fails is the drop reason):
/// * `gopher_short_doc` / `gopher_long_doc`: non-symbol words within `minWords...maxWords` (50–100,000);
/// * `gopher_below_avg_threshold` / `gopher_above_avg_threshold`: mean non-symbol word length in
///   `minMeanWordLength...maxMeanWordLength` (3–10 characters);
/// * `gopher_too_many_hashes` / `gopher_too_many_ellipsis`: `#` count, and `...`/`…` count, per word
///   ≤ `maxSymbolWordRatio` (0.1);
/// * `gopher_too_many_bullets`: lines starting with `•` or `-` ≤ `maxBulletLinesRatio` (0.9) of lines;
/// * `gopher_too_many_end_ellipsis`: lines ending with `...` or `…` ≤ `maxEllipsisLinesRatio` (0.3);
/// * `gopher_below_alpha_threshold`: words with an alphabetic character ≥ `minAlphaWordsRatio` (0.8);
/// * `gopher_enough_stop_words`: at least `minStopWords` (2) distinct stop words of `stopWords`.
///
/// Records `{"words", "mean_word_length", "hash_ratio", "ellipsis_ratio", "bullet_lines_ratio",
/// "ellipsis_lines_ratio", "alpha_words_ratio", "stop_words", "score"}` under the stage label. A `nil`
/// threshold disables its rule.
public struct GopherQualityFilter: DocumentStage {
    public static let identifier: StageIdentifier = "filter.gopher-quality@1"
    public static let defaultStopWords = ["the", "be", "to", "of", "and", "that", "have", "with"]

    public var label: String
    public var minWords: Int?
    public var maxWords: Int?
    public var minMeanWordLength: Double?
    public var maxMeanWordLength: Double?
    public var maxSymbolWordRatio: Double?
    public var maxBulletLinesRatio: Double?
    public var maxEllipsisLinesRatio: Double?
    public var minAlphaWordsRatio: Double?
    public var minStopWords: Int?
    public var stopWords: [String]

    public init(
        minWords: Int? = 50, maxWords: Int? = 100_000, minMeanWordLength: Double? = 3, maxMeanWordLength: Double? = 10,
        maxSymbolWordRatio: Double? = 0.1, maxBulletLinesRatio: Double? = 0.9, maxEllipsisLinesRatio: Double? = 0.3,
        minAlphaWordsRatio: Double? = 0.8, minStopWords: Int? = 2, stopWords: [String] = GopherQualityFilter.defaultStopWords,
        label: String = "filter.gopher-quality"
    ) {
        self.label = label
        self.minWords = minWords
        self.maxWords = maxWords
        self.minMeanWordLength = minMeanWordLength
        self.maxMeanWordLength = maxMeanWordLength
        self.maxSymbolWordRatio = maxSymbolWordRatio
        self.maxBulletLinesRatio = maxBulletLinesRatio
        self.maxEllipsisLinesRatio = maxEllipsisLinesRatio
        self.minAlphaWordsRatio = minAlphaWordsRatio
        self.minStopWords = minStopWords
        self.stopWords = stopWords
    }

    public func validate() throws {
        if let minWords, minWords < 0 { throw invalid("minWords must not be negative") }
        if let minWords, let maxWords, maxWords < minWords { throw invalid("maxWords \(maxWords) < minWords \(minWords)") }
        if let a = minMeanWordLength, let b = maxMeanWordLength, b < a {
            throw invalid("maxMeanWordLength \(b) < minMeanWordLength \(a)")
        }
        for (name, value) in [
            ("maxSymbolWordRatio", maxSymbolWordRatio), ("maxBulletLinesRatio", maxBulletLinesRatio),
            ("maxEllipsisLinesRatio", maxEllipsisLinesRatio), ("minAlphaWordsRatio", minAlphaWordsRatio),
        ] {
            if let value, !(value >= 0 && value.isFinite) { throw invalid("\(name) must be a finite number ≥ 0") }
        }
        if let minStopWords, minStopWords < 0 { throw invalid("minStopWords must not be negative") }
        if stopWords.contains(where: \.isEmpty) { throw invalid("stopWords must not contain empty strings") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: GopherQualityFilter
        let stopWords: [[UInt32]]
        var analyzer = TextAnalyzer()

        init(stage: GopherQualityFilter) {
            self.stage = stage
            self.stopWords = stage.stopWords.map { $0.unicodeScalars.map(\.value) }
        }

        mutating func process(_ document: inout Document) throws -> Decision {
            let evaluation = evaluate(document.text)
            document.attributes[stage.label] = evaluation.attributes()
            return evaluation.decision
        }

        mutating func evaluate(_ string: String) -> FamilyEvaluation {
            analyzer.load(string)
            analyzer.words()
            let s = analyzer.text.scalars
            let tokens = analyzer.tokens
            var nonSymbolWords = 0, nonSymbolCharacters = 0, alphaWords = 0
            var stopSeen = [Bool](repeating: false, count: stopWords.count)
            var unseenStopWords = stopWords.count
            var hashes = 0, ellipses = 0
            s.withUnsafeBufferPointer { s in
                for token in tokens {
                    var symbolOnly = true, hasAlpha = false
                    for i in Int(token.start)..<Int(token.end) {
                        let c = s[i]
                        if symbolOnly, !DatatrovePunctuation.isSymbol(c) { symbolOnly = false }
                        if !hasAlpha, PythonCharacters.isAlpha(c) { hasAlpha = true }
                        if !symbolOnly && hasAlpha { break }
                    }
                    if !symbolOnly {
                        nonSymbolWords += 1
                        nonSymbolCharacters += token.count
                    }
                    if hasAlpha { alphaWords += 1 }
                    // Once every stop word has been seen, no word needs comparing.
                    if unseenStopWords > 0 {
                        for (k, word) in stopWords.enumerated() where !stopSeen[k] && word.count == token.count {
                            var equal = true
                            var j = Int(token.start)
                            for c in word {
                                if s[j] != c { equal = false; break }
                                j += 1
                            }
                            if equal {
                                stopSeen[k] = true
                                unseenStopWords -= 1
                            }
                        }
                    }
                }
                var i = 0
                while i < s.count {
                    let c = s[i]
                    if c == 0x23 { hashes += 1 } else if c == 0x2026 { ellipses += 1 } else if c == 0x2E, i + 2 < s.count, s[i + 1] == 0x2E,
                        s[i + 2] == 0x2E
                    {
                        ellipses += 1
                        i += 3
                        continue
                    }
                    i += 1
                }
            }
            let words = tokens.count
            let text = analyzer.text
            text.splitLines(into: &analyzer.lines)
            var bullets = 0, ellipsisLines = 0
            for line in analyzer.lines {
                let stripped = text.stripped(line)
                if !stripped.isEmpty {
                    let first = s[stripped.lowerBound]
                    if first == 0x2022 || first == 0x2D { bullets += 1 }
                    let last = s[stripped.upperBound - 1]
                    if last == 0x2026 || text.hasSuffix(stripped, "...") { ellipsisLines += 1 }
                }
            }
            let lineCount = Double(analyzer.lines.count)
            let meanLength = nonSymbolWords > 0 ? Double(nonSymbolCharacters) / Double(nonSymbolWords) : .nan
            let hashRatio = Double(hashes) / Double(words)
            let ellipsisRatio = Double(ellipses) / Double(words)
            let bulletRatio = Double(bullets) / lineCount
            let ellipsisLineRatio = Double(ellipsisLines) / lineCount
            let alphaRatio = Double(alphaWords) / Double(words)
            let stopCount = stopSeen.reduce(0) { $0 + ($1 ? 1 : 0) }

            var e = FamilyEvaluation()
            e.record("words", nonSymbolWords)
            e.record("mean_word_length", meanLength)
            e.record("hash_ratio", hashRatio)
            e.record("ellipsis_ratio", ellipsisRatio)
            e.record("bullet_lines_ratio", bulletRatio)
            e.record("ellipsis_lines_ratio", ellipsisLineRatio)
            e.record("alpha_words_ratio", alphaRatio)
            e.record("stop_words", stopCount)
            // datatrove skips a rule whose threshold is 0 or None (`if self.min_doc_words and ...`).
            if let t = stage.minWords, t != 0 { e.checks.append(.init(reason: "gopher_short_doc", value: Double(nonSymbolWords), threshold: Double(t), kind: .minimum)) }
            if let t = stage.maxWords, t != 0 { e.checks.append(.init(reason: "gopher_long_doc", value: Double(nonSymbolWords), threshold: Double(t), kind: .maximum)) }
            if let t = stage.minMeanWordLength, t != 0 { e.checks.append(.init(reason: "gopher_below_avg_threshold", value: meanLength.isNaN ? 0 : meanLength, threshold: t, kind: .minimum)) }
            if let t = stage.maxMeanWordLength, t != 0 { e.checks.append(.init(reason: "gopher_above_avg_threshold", value: meanLength.isNaN ? 0 : meanLength, threshold: t, kind: .maximum)) }
            if let t = stage.maxSymbolWordRatio, t != 0 {
                e.checks.append(.init(reason: "gopher_too_many_hashes", value: hashRatio, threshold: t, kind: .maximum))
                e.checks.append(.init(reason: "gopher_too_many_ellipsis", value: ellipsisRatio, threshold: t, kind: .maximum))
            }
            if let t = stage.maxBulletLinesRatio, t != 0 { e.checks.append(.init(reason: "gopher_too_many_bullets", value: bulletRatio, threshold: t, kind: .maximum)) }
            if let t = stage.maxEllipsisLinesRatio, t != 0 { e.checks.append(.init(reason: "gopher_too_many_end_ellipsis", value: ellipsisLineRatio, threshold: t, kind: .maximum)) }
            if let t = stage.minAlphaWordsRatio, t != 0 { e.checks.append(.init(reason: "gopher_below_alpha_threshold", value: alphaRatio, threshold: t, kind: .minimum)) }
            if let t = stage.minStopWords, t != 0 { e.checks.append(.init(reason: "gopher_enough_stop_words", value: Double(stopCount), threshold: Double(t), kind: .minimum)) }
            return e
        }
    }
}
