public import WinnowCore
internal import WinnowJSON

/// The FineWeb quality rules (Penedo et al. 2024, "The FineWeb Datasets"), as datatrove's
/// `FineWebQualityFilter` applies them, on the non-blank lines (split at `\n`):
/// * `line_punct_ratio`: lines ending in terminal punctuation (Unicode Sentence_Terminal: `.` `!` `?`
///   `。` `।` …) ≥ `minLinePunctuationRatio` (0.12) of lines (unless `excludeZeroPunctuation` and none do);
/// * `short_line_ratio`: lines of at most `shortLineLength` (30) characters ≤ `maxShortLineRatio` (0.67);
/// * `char_dup_ratio`: characters of lines repeating an earlier line ≤ `maxDuplicateLineCharacterRatio`
///   (0.01) of the text's characters other than newlines;
/// * `list_ratio`: newlines per word ≤ `maxNewlineRatio` (0.3).
///
/// Records `{"line_punct_ratio", "short_line_ratio", "char_dup_ratio", "newline_ratio", "score"}`.
public struct FineWebQualityFilter: DocumentStage {
    public static let identifier: StageIdentifier = "filter.fineweb-quality@1"

    public var label: String
    public var minLinePunctuationRatio: Double
    public var excludeZeroPunctuation: Bool
    public var maxShortLineRatio: Double
    public var shortLineLength: Int
    public var maxDuplicateLineCharacterRatio: Double
    public var maxNewlineRatio: Double

    public init(
        minLinePunctuationRatio: Double = 0.12, excludeZeroPunctuation: Bool = false, maxShortLineRatio: Double = 0.67,
        shortLineLength: Int = 30, maxDuplicateLineCharacterRatio: Double = 0.01, maxNewlineRatio: Double = 0.3,
        label: String = "filter.fineweb-quality"
    ) {
        self.label = label
        self.minLinePunctuationRatio = minLinePunctuationRatio
        self.excludeZeroPunctuation = excludeZeroPunctuation
        self.maxShortLineRatio = maxShortLineRatio
        self.shortLineLength = shortLineLength
        self.maxDuplicateLineCharacterRatio = maxDuplicateLineCharacterRatio
        self.maxNewlineRatio = maxNewlineRatio
    }

    public func validate() throws {
        for (name, value) in [
            ("minLinePunctuationRatio", minLinePunctuationRatio), ("maxShortLineRatio", maxShortLineRatio),
            ("maxDuplicateLineCharacterRatio", maxDuplicateLineCharacterRatio), ("maxNewlineRatio", maxNewlineRatio),
        ] where !(value >= 0 && value.isFinite) {
            throw invalid("\(name) must be a finite number ≥ 0")
        }
        if shortLineLength < 0 { throw invalid("shortLineLength must not be negative") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    struct Processor: DocumentProcessor {
        let stage: FineWebQualityFilter
        var analyzer = TextAnalyzer()
        var table = DuplicateCounter()

        init(stage: FineWebQualityFilter) { self.stage = stage }

        mutating func process(_ document: inout Document) throws -> Decision {
            let evaluation = evaluate(document.text)
            document.attributes[stage.label] = evaluation.attributes()
            return evaluation.decision
        }

        mutating func evaluate(_ string: String) -> FamilyEvaluation {
            var e = FamilyEvaluation()
            analyzer.load(string)
            let text = analyzer.text
            let s = text.scalars
            var lines: [Range<Int>] = []
            var start = 0
            var newlines = 0
            for i in 0...s.count where i == s.count || s[i] == 0x0A {
                if i < s.count { newlines += 1 }
                if !text.stripped(start..<i).isEmpty { lines.append(start..<i) }
                start = i + 1
            }
            if lines.isEmpty {
                e.hardDrop = ("empty", "no non-blank line", 0)
                return e
            }
            var punctuated = 0, short = 0
            for line in lines {
                if PythonCharacters.isSentenceTerminal(s[line.upperBound - 1]) { punctuated += 1 }
                if line.count <= stage.shortLineLength { short += 1 }
            }
            var table = DuplicateCounter()
            swap(&table, &self.table)  // moved out, so it stays uniquely referenced
            defer { swap(&table, &self.table) }
            table.reset(expected: lines.count)
            var duplicateCharacters = 0
            s.withUnsafeBufferPointer { p in
                for (index, r) in lines.enumerated() {
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for i in r {
                        h ^= UInt64(p[i])
                        h &*= 0x100_0000_01B3
                    }
                    if table.insert(index, hash: h, equal: { a, b in text.equal(lines[a], lines[b]) }).seen {
                        duplicateCharacters += r.count
                    }
                }
            }
            analyzer.words()
            let punctuationRatio = Double(punctuated) / Double(lines.count)
            let shortRatio = Double(short) / Double(lines.count)
            let duplicateRatio = Double(duplicateCharacters) / Double(s.count - newlines)
            let newlineRatio = Double(newlines) / Double(analyzer.tokens.count)
            e.record("line_punct_ratio", punctuationRatio)
            e.record("short_line_ratio", shortRatio)
            e.record("char_dup_ratio", duplicateRatio)
            e.record("newline_ratio", newlineRatio)
            if !(punctuationRatio == 0 && stage.excludeZeroPunctuation) {
                e.checks.append(.init(reason: "line_punct_ratio", value: punctuationRatio, threshold: stage.minLinePunctuationRatio, kind: .minimum))
            }
            e.checks.append(.init(reason: "short_line_ratio", value: shortRatio, threshold: stage.maxShortLineRatio, kind: .maximum))
            e.checks.append(.init(reason: "char_dup_ratio", value: duplicateRatio, threshold: stage.maxDuplicateLineCharacterRatio, kind: .maximum))
            e.checks.append(.init(reason: "list_ratio", value: newlineRatio, threshold: stage.maxNewlineRatio, kind: .maximum))
            return e
        }
    }
}
