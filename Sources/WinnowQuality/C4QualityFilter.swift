public import WinnowCore
internal import WinnowJSON

/// The C4 cleaning rules (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
/// Text-to-Text Transformer", section 2.2), as datatrove's `C4QualityFilter` applies them: line-level
/// cleaning that rewrites the text, then document rules.
///
/// Each line (Python `splitlines`, stripped) is dropped when a word (whitespace-separated) is longer than
/// `maxWordLength` (1000); otherwise citation markers (`[1]`, `[edit]`, `[citation needed]`) are removed,
/// and the line is dropped if it does not end in `.` `?` `!` `"` `'` (or ends in `...`), has fewer than
/// `minWordsPerLine` (3) words, mentions "javascript", or mentions a cookie or terms-of-use policy. The
/// document is dropped (`lorem_ipsum`, `curly_bracket`) when a kept line contains "lorem ipsum" or `{`, and
/// (`too_few_sentences`) when the kept lines have fewer than `minSentences` (5) sentences (split as spaCy's
/// sentencizer does, see ``EnglishWordTokenizer``). A kept document's text becomes its kept lines joined
/// by newlines.
///
/// Records `{"lines", "kept_lines", "sentences", "score"}`.
public struct C4QualityFilter: DocumentStage {
    public static let identifier: StageIdentifier = "filter.c4@1"

    public var label: String
    public var removeCitations: Bool
    public var requireTerminalPunctuation: Bool
    /// Minimum sentences in the kept lines (`nil` disables the rule).
    public var minSentences: Int?
    /// Lines with fewer words are dropped (`nil` keeps them).
    public var minWordsPerLine: Int?
    /// Lines with a longer word are dropped (`nil` keeps them).
    public var maxWordLength: Int?
    public var dropLoremIpsum: Bool
    public var dropJavascriptLines: Bool
    public var dropCurlyBracket: Bool
    public var dropPolicyLines: Bool

    public init(
        removeCitations: Bool = true, requireTerminalPunctuation: Bool = true, minSentences: Int? = 5,
        minWordsPerLine: Int? = 3, maxWordLength: Int? = 1000, dropLoremIpsum: Bool = true,
        dropJavascriptLines: Bool = true, dropCurlyBracket: Bool = true, dropPolicyLines: Bool = true,
        label: String = "filter.c4"
    ) {
        self.label = label
        self.removeCitations = removeCitations
        self.requireTerminalPunctuation = requireTerminalPunctuation
        self.minSentences = minSentences
        self.minWordsPerLine = minWordsPerLine
        self.maxWordLength = maxWordLength
        self.dropLoremIpsum = dropLoremIpsum
        self.dropJavascriptLines = dropJavascriptLines
        self.dropCurlyBracket = dropCurlyBracket
        self.dropPolicyLines = dropPolicyLines
    }

    public func validate() throws {
        if let minSentences, minSentences < 0 { throw invalid("minSentences must not be negative") }
        if let minWordsPerLine, minWordsPerLine < 0 { throw invalid("minWordsPerLine must not be negative") }
        if let maxWordLength, maxWordLength < 1 { throw invalid("maxWordLength must be at least 1") }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor { Processor(stage: self) }

    static let policies: [[UInt32]] = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"]
        .map { $0.unicodeScalars.map(\.value) }
    static let lorem: [UInt32] = "lorem ipsum".unicodeScalars.map(\.value)
    static let javascript: [UInt32] = "javascript".unicodeScalars.map(\.value)

    struct Processor: DocumentProcessor {
        let stage: C4QualityFilter
        var analyzer = TextAnalyzer()
        var line: [UInt32] = []
        var output: [UInt32] = []
        var tokens: [EnglishWordTokenizer.Token] = []
        /// The tokens of the kept lines (words and whitespace), at their offsets in `output` (when the text
        /// is shared).
        var outputWords: [EnglishWordTokenizer.Token] = []
        let tokenizer = TextAnalyzer.tokenizer

        init(stage: C4QualityFilter) { self.stage = stage }

        mutating func process(_ document: inout Document) throws -> Decision {
            let (evaluation, cleaned) = evaluate(document.text, sharing: true)
            document.attributes[stage.label] = evaluation.attributes()
            let decision = evaluation.decision
            if decision.isKeep, let cleaned { document.text = cleaned }
            return decision
        }

        /// What a line mentions, of the strings the line rules look for.
        struct Markers: OptionSet {
            let rawValue: UInt8
            static let lorem = Markers(rawValue: 1)
            static let javascript = Markers(rawValue: 2)
            static let curlyBracket = Markers(rawValue: 4)
            static let policy = Markers(rawValue: 8)
        }

        /// In one pass over `line`: whether it contains "lorem ipsum", "javascript", `{` and one of
        /// ``C4QualityFilter/policies``, ASCII case-insensitively as ``containsFolded(_:_:)`` searches (eight
        /// separate searches cost most of this filter's time).
        static func markers(_ line: UnsafeBufferPointer<UInt32>) -> Markers {
            @inline(__always) func fold(_ c: UInt32) -> UInt32 {
                if c >= 0x41 && c <= 0x5A { return c | 0x20 }
                if c == 0x212A { return 0x6B }
                return c
            }
            // Whether `needle` (ASCII lower case) starts at `i`; its first character is already known to match.
            @inline(__always) func at(_ i: Int, _ needle: StaticString) -> Bool {
                let n = needle.utf8CodeUnitCount
                guard i + n <= line.count else { return false }
                let p = needle.utf8Start
                for k in 1..<n where fold(line[i + k]) != UInt32(p[k]) { return false }
                return true
            }
            var found: Markers = []
            for i in 0..<line.count {
                switch fold(line[i]) {
                case 0x7B: found.insert(.curlyBracket)
                case 0x6C: if at(i, "lorem ipsum") { found.insert(.lorem) }
                case 0x6A: if at(i, "javascript") { found.insert(.javascript) }
                case 0x74: if at(i, "terms of use") { found.insert(.policy) }
                case 0x70: if at(i, "privacy policy") { found.insert(.policy) }
                case 0x63: if at(i, "cookie policy") { found.insert(.policy) }
                case 0x75: if at(i, "uses cookies") || at(i, "use of cookies") || at(i, "use cookies") { found.insert(.policy) }
                default: break
                }
            }
            return found
        }

        /// ASCII case-insensitive search (Python `needle in line.lower()` for ASCII needles; the Kelvin sign
        /// lower-cases to `k`).
        @inline(__always)
        static func containsFolded(_ hay: [UInt32], _ needle: [UInt32]) -> Bool {
            guard hay.count >= needle.count else { return false }
            @inline(__always) func fold(_ c: UInt32) -> UInt32 {
                if c >= 0x41 && c <= 0x5A { return c | 0x20 }
                if c == 0x212A { return 0x6B }
                return c
            }
            let first = needle[0]
            var i = 0
            let last = hay.count - needle.count
            while i <= last {
                if fold(hay[i]) == first {
                    var k = 1
                    while k < needle.count, fold(hay[i + k]) == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
        }

        /// Sentences in `line` as spaCy's sentencizer counts them: a new sentence starts at the first token
        /// after a sentence-terminal token that is neither punctuation nor sentence-terminal. With `offset`,
        /// the line's words are added to `outputWords` as if the line started there.
        mutating func sentences(_ line: [UInt32], wordsAt offset: Int?) -> Int {
            // Moved out and back, so that the buffer stays uniquely referenced (a copy would reallocate it).
            var tokens: [EnglishWordTokenizer.Token] = []
            swap(&tokens, &self.tokens)
            defer { swap(&tokens, &self.tokens) }
            line.withUnsafeBufferPointer { p in tokenizer.tokenize(p, 0..<p.count, includeSpaces: true, into: &tokens) }
            if let offset {
                // Copied whole, then moved to the line's place (whitespace tokens are dropped on sharing).
                let first = outputWords.count
                outputWords.append(contentsOf: tokens)
                let delta = Int32(offset)
                outputWords.withUnsafeMutableBufferPointer { words in
                    for k in first..<words.count {
                        words[k].start += delta
                        words[k].end += delta
                    }
                }
            }
            guard !tokens.isEmpty else { return 0 }
            var count = 1
            var seenTerminal = false
            for token in tokens {
                let isTerminal = token.count == 1 && PythonCharacters.isSentenceTerminal(line[Int(token.start)])
                var isPunct = true
                for i in token.range where !PythonCharacters.isPunctuationCategory(line[i]) { isPunct = false; break }
                if seenTerminal && !isPunct && !isTerminal {
                    count += 1
                    seenTerminal = false
                } else if isTerminal {
                    seenTerminal = true
                }
            }
            return count
        }

        /// The rules' verdict on `string` and the text kept. With `sharing`, a kept text becomes the thread's
        /// analysed text (``TextAnalyzer/share(_:scalars:words:shift:)``), with its words when the sentence
        /// rule tokenized every kept line: the words of the whole text are the words of its lines, since
        /// lines are separated by a newline and tokens never span whitespace.
        mutating func evaluate(_ string: String, sharing: Bool = false) -> (FamilyEvaluation, String?) {
            var e = FamilyEvaluation()
            analyzer.load(string)
            let text = analyzer.text
            let s = text.scalars
            var lines: [Range<Int>] = []
            swap(&lines, &analyzer.lines)
            defer { swap(&lines, &analyzer.lines) }
            text.splitLines(into: &lines)
            var sentenceCount = 0
            var keptLines = 0
            output.removeAll(keepingCapacity: true)
            outputWords.removeAll(keepingCapacity: true)
            var lineNumber = 0
            lines: for raw in lines {
                lineNumber += 1
                let r = text.stripped(raw)
                // Whitespace-separated words of the stripped line (before citations are removed).
                var words = 0
                var inWord = false
                var wordLength = 0
                var longestWord = 0
                var brackets = false
                for i in r {
                    let c = s[i]
                    if PythonCharacters.isSpace(c) {
                        inWord = false
                    } else {
                        if !inWord { words += 1; wordLength = 0; inWord = true }
                        wordLength += 1
                        if wordLength > longestWord { longestWord = wordLength }
                        if c == 0x5B { brackets = true }
                    }
                }
                if let max = stage.maxWordLength, longestWord > max { continue }
                line.removeAll(keepingCapacity: true)
                var runStart = r.lowerBound
                if stage.removeCitations && brackets {
                    var i = r.lowerBound
                    while i < r.upperBound {
                        if s[i] == 0x5B, let end = Self.citationEnd(s, i, r.upperBound) {
                            line.append(contentsOf: s[runStart..<i])
                            i = end
                            runStart = end
                            continue
                        }
                        i += 1
                    }
                }
                line.append(contentsOf: s[runStart..<r.upperBound])
                if stage.requireTerminalPunctuation {
                    guard let last = line.last, last == 0x2E || last == 0x3F || last == 0x21 || last == 0x22 || last == 0x27
                    else { continue }
                    let n = line.count
                    if n >= 3, line[n - 1] == 0x2E, line[n - 2] == 0x2E, line[n - 3] == 0x2E { continue }
                }
                if let min = stage.minWordsPerLine, words < min { continue }
                let found = line.withUnsafeBufferPointer { Self.markers($0) }
                if stage.dropLoremIpsum, found.contains(.lorem) {
                    e.hardDrop = ("lorem_ipsum", "line \(lineNumber) contains 'lorem ipsum'", 0)
                    break lines
                }
                if stage.dropJavascriptLines, found.contains(.javascript) { continue }
                if stage.dropCurlyBracket, found.contains(.curlyBracket) {
                    e.hardDrop = ("curly_bracket", "line \(lineNumber) contains '{'", 0)
                    break lines
                }
                if stage.dropPolicyLines, found.contains(.policy) { continue }
                if stage.minSentences != nil {
                    sentenceCount += sentences(line, wordsAt: sharing ? output.count + (keptLines > 0 ? 1 : 0) : nil)
                }
                if keptLines > 0 { output.append(0x0A) }
                output.append(contentsOf: line)
                keptLines += 1
            }
            e.record("lines", lines.count)
            e.record("kept_lines", keptLines)
            e.record("sentences", sentenceCount)
            if let min = stage.minSentences {
                e.checks.append(.init(reason: "too_few_sentences", value: Double(sentenceCount), threshold: Double(min), kind: .minimum))
            }
            guard e.hardDrop == nil else { return (e, nil) }
            // "\n".join(kept).strip()
            var lo = 0, hi = output.count
            while lo < hi, PythonCharacters.isSpace(output[lo]) { lo += 1 }
            while hi > lo, PythonCharacters.isSpace(output[hi - 1]) { hi -= 1 }
            // Encoded straight into the new String's storage, sized exactly (appending scalar by scalar to a
            // String cost about a fifth of this filter's instructions).
            let output = self.output
            return output.withUnsafeBufferPointer { output in
                let cleaned = Self.string(output[lo..<hi])
                if sharing, e.decision.isKeep {
                    analyzer.share(cleaned, scalars: output[lo..<hi], words: stage.minSentences != nil ? outputWords : nil, shift: lo)
                }
                return (e, cleaned)
            }
        }

        /// The String of the scalar values `scalars` (valid scalars: they came from a `String`).
        static func string(_ scalars: Slice<UnsafeBufferPointer<UInt32>>) -> String {
            var length = 0
            for c in scalars { length += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4 }
            return String(unsafeUninitializedCapacity: length) { bytes in
                var n = 0
                for c in scalars {
                    switch c {
                    case 0..<0x80:
                        bytes[n] = UInt8(c)
                        n += 1
                    case 0x80..<0x800:
                        bytes[n] = UInt8(0xC0 | c >> 6)
                        bytes[n + 1] = UInt8(0x80 | c & 0x3F)
                        n += 2
                    case 0x800..<0x10000:
                        bytes[n] = UInt8(0xE0 | c >> 12)
                        bytes[n + 1] = UInt8(0x80 | c >> 6 & 0x3F)
                        bytes[n + 2] = UInt8(0x80 | c & 0x3F)
                        n += 3
                    default:
                        bytes[n] = UInt8(0xF0 | c >> 18)
                        bytes[n + 1] = UInt8(0x80 | c >> 12 & 0x3F)
                        bytes[n + 2] = UInt8(0x80 | c >> 6 & 0x3F)
                        bytes[n + 3] = UInt8(0x80 | c & 0x3F)
                        n += 4
                    }
                }
                return n
            }
        }

        /// The end of a citation marker starting at `i` (`[` digits `]`, `[edit]`, `[citation needed]`).
        static func citationEnd(_ s: [UInt32], _ i: Int, _ end: Int) -> Int? {
            @inline(__always) func isDecimal(_ c: UInt32) -> Bool {
                if c < 0x80 { return c >= 0x30 && c <= 0x39 }
                guard let scalar = Unicode.Scalar(c) else { return false }
                return scalar.properties.generalCategory == .decimalNumber
            }
            var j = i + 1
            while j < end, isDecimal(s[j]) { j += 1 }
            if j < end, s[j] == 0x5D { return j + 1 }
            for marker: StaticString in ["edit]", "citation needed]"] {
                let n = marker.utf8CodeUnitCount, p = marker.utf8Start
                guard i + 1 + n <= end else { continue }
                var equal = true
                for k in 0..<n where s[i + 1 + k] != UInt32(p[k]) { equal = false; break }
                if equal { return i + 1 + n }
            }
            return nil
        }
    }
}
