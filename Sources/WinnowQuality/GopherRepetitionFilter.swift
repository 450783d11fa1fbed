public import WinnowCore
internal import WinnowJSON

/// The Gopher repetition rules (Rae et al. 2021, table A1), as datatrove's `GopherRepetitionFilter`
/// applies them. Fractions are of the document's characters.
///
/// In order:
/// * `dup_para_frac`, `dup_para_char_frac`: paragraphs (split at two or more newlines) that repeat an
///   earlier paragraph, as a fraction of paragraphs (≤ 0.3) and their characters (≤ 0.2);
/// * `dup_line_frac`, `dup_line_char_frac`: the same for lines (split at newlines), ≤ 0.3 and ≤ 0.2;
/// * `top_{n}_gram`: for n = 2, 3, 4 the most frequent word n-gram (words joined by spaces; ties go to the
///   n-gram seen first) times its count, ≤ 0.20, 0.18, 0.16;
/// * `duplicated_{n}_n_grams`: for n = 5…10, the characters of n-grams (words concatenated) that repeat an
///   earlier n-gram, scanning left to right and jumping past each repeat, ≤ 0.15, 0.14, …, 0.10.
///
/// Records every fraction (`dup_para_frac`, …, `top_2_gram`, …, `dup_10_gram`) and `score`.
public struct GopherRepetitionFilter: DocumentStage {
    public static let identifier: StageIdentifier = "filter.gopher-repetition@1"

    /// An n-gram rule: n and the maximum character fraction.
    public struct NGramLimit: Sendable, Codable, Hashable {
        public var n: Int
        public var maxFraction: Double
        public init(_ n: Int, _ maxFraction: Double) {
            self.n = n
            self.maxFraction = maxFraction
        }
    }

    public var label: String
    public var maxDuplicateLineFraction: Double?
    public var maxDuplicateParagraphFraction: Double?
    public var maxDuplicateLineCharacterFraction: Double?
    public var maxDuplicateParagraphCharacterFraction: Double?
    public var topNGrams: [NGramLimit]
    public var duplicateNGrams: [NGramLimit]

    public static let defaultTopNGrams = [NGramLimit(2, 0.20), NGramLimit(3, 0.18), NGramLimit(4, 0.16)]
    public static let defaultDuplicateNGrams = [
        NGramLimit(5, 0.15), NGramLimit(6, 0.14), NGramLimit(7, 0.13), NGramLimit(8, 0.12), NGramLimit(9, 0.11),
        NGramLimit(10, 0.10),
    ]

    public init(
        maxDuplicateLineFraction: Double? = 0.3, maxDuplicateParagraphFraction: Double? = 0.3,
        maxDuplicateLineCharacterFraction: Double? = 0.2, maxDuplicateParagraphCharacterFraction: Double? = 0.2,
        topNGrams: [NGramLimit] = GopherRepetitionFilter.defaultTopNGrams,
        duplicateNGrams: [NGramLimit] = GopherRepetitionFilter.defaultDuplicateNGrams,
        label: String = "filter.gopher-repetition"
    ) {
        self.label = label
        self.maxDuplicateLineFraction = maxDuplicateLineFraction
        self.maxDuplicateParagraphFraction = maxDuplicateParagraphFraction
        self.maxDuplicateLineCharacterFraction = maxDuplicateLineCharacterFraction
        self.maxDuplicateParagraphCharacterFraction = maxDuplicateParagraphCharacterFraction
        self.topNGrams = topNGrams
        self.duplicateNGrams = duplicateNGrams
    }

    public func validate() throws {
        for limit in topNGrams + duplicateNGrams {
            guard limit.n >= 1, limit.n <= 64 else { throw invalid("n-gram size \(limit.n) outside 1...64") }
            guard limit.maxFraction >= 0, limit.maxFraction.isFinite else { throw invalid("n-gram fraction must be ≥ 0") }
        }
        for value in [maxDuplicateLineFraction, maxDuplicateParagraphFraction, maxDuplicateLineCharacterFraction,
                      maxDuplicateParagraphCharacterFraction] {
            if let value, !(value >= 0 && value.isFinite) { throw invalid("fractions must be finite numbers ≥ 0") }
        }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: GopherRepetitionFilter
        var analyzer = TextAnalyzer()
        var table = DuplicateCounter()
        var ngrams = WordNGrams()

        init(stage: GopherRepetitionFilter) { self.stage = stage }

        mutating func process(_ document: inout Document) throws -> Decision {
            let evaluation = evaluate(document.text)
            document.attributes[stage.label] = evaluation.attributes()
            return evaluation.decision
        }

        /// Counts elements (ranges of the text) that repeat an earlier equal element: (count, characters).
        mutating func duplicates(_ ranges: [Range<Int>]) -> (Int, Int) {
            var table = DuplicateCounter()
            swap(&table, &self.table)  // moved out, so it stays uniquely referenced
            defer { swap(&table, &self.table) }
            table.reset(expected: ranges.count)
            var count = 0, characters = 0
            let text = analyzer.text
            text.scalars.withUnsafeBufferPointer { s in
                for (index, r) in ranges.enumerated() {
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for i in r {
                        h ^= UInt64(s[i])
                        h &*= 0x100_0000_01B3
                    }
                    let seen = table.insert(index, hash: h) { a, b in text.equal(ranges[a], ranges[b]) }.seen
                    if seen {
                        count += 1
                        characters += r.count
                    }
                }
            }
            return (count, characters)
        }

        mutating func evaluate(_ string: String) -> FamilyEvaluation {
            var e = FamilyEvaluation()
            analyzer.load(string)
            let text = analyzer.text
            let length = Double(text.count)
            if text.count == 0 {
                e.hardDrop = ("empty", "empty text", 0)
                return e
            }
            var paragraphs: [Range<Int>] = []
            text.splitOnNewlineRuns(text.stripped(0..<text.count), minimum: 2, into: &paragraphs)
            let (paragraphDuplicates, paragraphCharacters) = duplicates(paragraphs)
            var lines: [Range<Int>] = []
            text.splitOnNewlineRuns(0..<text.count, minimum: 1, into: &lines)
            let (lineDuplicates, lineCharacters) = duplicates(lines)

            let paragraphFraction = Double(paragraphDuplicates) / Double(paragraphs.count)
            let paragraphCharacterFraction = Double(paragraphCharacters) / length
            let lineFraction = Double(lineDuplicates) / Double(lines.count)
            let lineCharacterFraction = Double(lineCharacters) / length
            e.record("dup_para_frac", paragraphFraction)
            e.record("dup_para_char_frac", paragraphCharacterFraction)
            e.record("dup_line_frac", lineFraction)
            e.record("dup_line_char_frac", lineCharacterFraction)
            if let t = stage.maxDuplicateParagraphFraction, t != 0 { e.checks.append(.init(reason: "dup_para_frac", value: paragraphFraction, threshold: t, kind: .maximum)) }
            if let t = stage.maxDuplicateParagraphCharacterFraction, t != 0 { e.checks.append(.init(reason: "dup_para_char_frac", value: paragraphCharacterFraction, threshold: t, kind: .maximum)) }
            if let t = stage.maxDuplicateLineFraction, t != 0 { e.checks.append(.init(reason: "dup_line_frac", value: lineFraction, threshold: t, kind: .maximum)) }
            if let t = stage.maxDuplicateLineCharacterFraction, t != 0 { e.checks.append(.init(reason: "dup_line_char_frac", value: lineCharacterFraction, threshold: t, kind: .maximum)) }

            // Words, concatenated into one stream with prefix hashes for O(1) n-gram hashes.
            analyzer.words()
            let words = analyzer.tokens.count
            ngrams.load(text.scalars, analyzer.tokens)
            for limit in stage.topNGrams {
                let n = limit.n
                var fraction = 0.0
                if words >= n {
                    let (characters, count) = ngrams.mostFrequent(n)
                    fraction = Double(characters * count) / length
                }
                e.record("top_\(n)_gram", fraction)
                if words >= n { e.checks.append(.init(reason: "top_\(n)_gram", value: fraction, threshold: limit.maxFraction, kind: .maximum)) }
            }
            for limit in stage.duplicateNGrams {
                let n = limit.n
                let fraction = Double(ngrams.repeatedCharacters(n)) / length
                e.record("dup_\(n)_gram", fraction)
                e.checks.append(.init(reason: "duplicated_\(n)_n_grams", value: fraction, threshold: limit.maxFraction, kind: .maximum))
            }
            return e
        }
    }
}
