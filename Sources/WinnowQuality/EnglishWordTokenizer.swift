/// A word tokenizer that reproduces spaCy's English tokenizer, which datatrove's Gopher, FineWeb and C4
/// filters use to split text into words and sentences (`datatrove.utils.word_tokenizers.SpaCyTokenizer("en")`).
///
/// The algorithm, as spaCy documents it:
/// 1. Split on whitespace. A single space after a token is absorbed; any other whitespace run becomes a
///    whitespace token (kept for sentence splitting, dropped from words).
/// 2. For each non-space span: if it is a special case (``EnglishTokenizerExceptions``), emit its pieces.
///    Otherwise repeatedly strip one prefix (an opening punctuation mark, quote, currency sign, `..`) and
///    one suffix (closing punctuation, `'s`, a unit or currency after a digit, a period after a lower-case
///    letter or digit), stopping as soon as the remainder is a special case.
/// 3. The remainder is one token if it looks like a URL or domain name; otherwise it is split at infixes:
///    `..`, `…`, symbols, a hyphen between letters, `,` `:` `/` `=` `<` `>` between letters, `.` between a
///    lower-case and an upper-case letter, an operator between digits.
///
/// Tokens are ranges of scalar indices into the text; lengths are in characters, as Python counts them.
struct EnglishWordTokenizer: Sendable {
    struct Token {
        var start: Int32
        var end: Int32
        /// A whitespace token (dropped from words, kept for sentence boundaries).
        var isSpace: Bool
        var range: Range<Int> { Int(start)..<Int(end) }
        var count: Int { Int(end - start) }
    }

    let exceptions = EnglishTokenizerExceptions()

    /// Tokenizes `text[range]`, appending to `tokens` (cleared first). Whitespace tokens are included only
    /// when `includeSpaces` is set.
    func tokenize(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, includeSpaces: Bool, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        var prefixes: [Range<Int>] = []
        var suffixes: [Range<Int>] = []
        let end = range.upperBound
        var i = range.lowerBound
        while i < end {
            // A run of whitespace. After a word, a plain space that starts it belongs to the word.
            let spaceStart = i
            while i < end, PythonCharacters.isSpace(text[i]) { i += 1 }
            if includeSpaces, i > spaceStart {
                let start = spaceStart > range.lowerBound && text[spaceStart] == 0x20 ? spaceStart + 1 : spaceStart
                if start < i { tokens.append(Token(start: Int32(start), end: Int32(i), isSpace: true)) }
            }
            // A run of anything else, noting whether it is ASCII letters only (most words).
            let wordStart = i
            var plain = true
            while i < end {
                let c = text[i]
                if c < 0x80 && (c | 0x20) &- 0x61 < 26 {
                    i += 1
                    continue
                }
                if PythonCharacters.isSpace(c) { break }
                plain = false
                i += 1
            }
            if i > wordStart { span(text, wordStart..<i, plain: plain, &tokens, &prefixes, &suffixes) }
        }
        mergeSpecialSequences(text, &tokens)
    }

    /// spaCy's second pass: a special case that the affix rules split into several tokens (`):` from
    /// `f():`, `i.` from `(i.`) is matched over adjacent tokens and retokenized as the special case says.
    /// Of overlapping matches the longest wins (then the earliest), and a match is taken only if neither its
    /// first nor its last token belongs to a longer match.
    private func mergeSpecialSequences(_ text: UnsafeBufferPointer<UInt32>, _ tokens: inout [Token]) {
        var matches: [(start: Int, end: Int, entry: Int)] = []
        let n = tokens.count
        var i = 0
        while i + 1 < n {
            var j = i + 1
            while j < n, !tokens[j].isSpace, !tokens[i].isSpace, tokens[j].start == tokens[j - 1].end,
                  Int(tokens[j].end - tokens[i].start) <= exceptions.maxLength {
                let entry = exceptions.lookup(text, Int(tokens[i].start)..<Int(tokens[j].end))
                if entry >= 0 { matches.append((i, j + 1, entry)) }
                j += 1
            }
            i += 1
        }
        guard !matches.isEmpty else { return }
        // Longest first, then earliest.
        matches.sort { a, b in
            a.end - a.start != b.end - b.start ? a.end - a.start > b.end - b.start : a.start < b.start
        }
        var seen = Set<Int>()
        var accepted: [(start: Int, end: Int, entry: Int)] = []
        for m in matches {
            if !seen.contains(m.start) && !seen.contains(m.end - 1) { accepted.append(m) }
            for k in m.start..<m.end { seen.insert(k) }
        }
        accepted.sort { $0.start < $1.start }
        var merged: [Token] = []
        merged.reserveCapacity(n)
        var next = 0
        for m in accepted where m.start >= next {
            merged.append(contentsOf: tokens[next..<m.start])
            var s = Int(tokens[m.start].start)
            for length in exceptions.pieces(m.entry) {
                merged.append(Token(start: Int32(s), end: Int32(s + Int(length)), isSpace: false))
                s += Int(length)
            }
            next = m.end
        }
        merged.append(contentsOf: tokens[next...])
        tokens = merged
    }

    @inline(__always)
    private func push(_ r: Range<Int>, _ tokens: inout [Token]) {
        tokens.append(Token(start: Int32(r.lowerBound), end: Int32(r.upperBound), isSpace: false))
    }

    @inline(__always)
    private func pushSpecial(_ r: Range<Int>, _ entry: Int, _ tokens: inout [Token]) {
        var s = r.lowerBound
        for length in exceptions.pieces(entry) {
            push(s..<(s + Int(length)), &tokens)
            s += Int(length)
        }
    }

    /// Tokenizes one run of non-space characters; `plain` says it is made of ASCII letters only.
    private func span(
        _ text: UnsafeBufferPointer<UInt32>, _ whole: Range<Int>, plain: Bool, _ tokens: inout [Token],
        _ prefixes: inout [Range<Int>], _ suffixes: inout [Range<Int>]
    ) {
        // Fast path: a plain word of ASCII letters has no affixes, no infixes and cannot be a URL.
        if plain, whole.count > exceptions.maxLength
            || !exceptions.mayBeLetterEntry(first: text[whole.lowerBound], last: text[whole.upperBound - 1])
        {
            push(whole, &tokens)
            return
        }
        let wholeEntry = exceptions.lookup(text, whole)
        if wholeEntry >= 0 {
            pushSpecial(whole, wholeEntry, &tokens)
            return
        }
        if plain {
            push(whole, &tokens)
            return
        }
        prefixes.removeAll(keepingCapacity: true)
        suffixes.removeAll(keepingCapacity: true)
        // The last range looked up in vain: the loop below and the final lookup often ask for it again.
        var missLo = whole.lowerBound, missHi = whole.upperBound
        @inline(__always) func lookup(_ a: Int, _ b: Int) -> Int {
            if a == missLo && b == missHi { return -1 }
            let entry = exceptions.lookup(text, a..<b)
            if entry < 0 { missLo = a; missHi = b }
            return entry
        }
        var lo = whole.lowerBound, hi = whole.upperBound
        var lastSize = 0
        while lo < hi, hi - lo != lastSize {
            if lastSize != 0, lookup(lo, hi) >= 0 { break }
            lastSize = hi - lo
            let pre = prefixLength(text, lo..<hi)
            if pre != 0, lo + pre < hi, lookup(lo + pre, hi) >= 0 {
                prefixes.append(lo..<(lo + pre))
                lo += pre
                break
            }
            let suf = suffixLength(text, (lo + pre)..<hi)
            if suf != 0, hi - suf > lo, lookup(lo, hi - suf) >= 0 {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
                break
            }
            if pre != 0 {
                prefixes.append(lo..<(lo + pre))
                lo += pre
            }
            if suf != 0 {
                suffixes.append((hi - suf)..<hi)
                hi -= suf
            }
        }
        for p in prefixes { push(p, &tokens) }
        if lo < hi {
            let entry = lookup(lo, hi)
            if entry >= 0 {
                pushSpecial(lo..<hi, entry, &tokens)
            } else if Self.isASCIIAlphanumeric(text, lo..<hi) {
                // No URL (that needs a '.') and no infix (every infix is another character): one token.
                push(lo..<hi, &tokens)
            } else if URLMatcher.matches(text, lo..<hi) {
                push(lo..<hi, &tokens)
            } else {
                splitInfixes(text, lo..<hi, &tokens)
            }
        }
        for s in suffixes.reversed() { push(s, &tokens) }
    }

    // MARK: character classes (spaCy's char_classes, expressed with Unicode properties)

    @inline(__always)
    static func isASCIIAlphanumeric(_ t: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Bool {
        for i in r {
            let c = t[i]
            guard c < 0x80, (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 else { return false }
        }
        return true
    }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isLower(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x61 && c <= 0x7A }
        guard let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter: return true
        default: return isCJKBlock(c)
        }
    }

    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        guard let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter: return true
        default: return isCJKBlock(c)
        }
    }

    /// spaCy's ALPHA: letters, plus the CJK symbol and punctuation blocks its CJK ranges include (`。`, `「`).
    @inline(__always)
    static func isAlpha(_ c: UInt32) -> Bool { PythonCharacters.isAlpha(c) || isCJKBlock(c) }

    @inline(__always)
    static func isCJKBlock(_ c: UInt32) -> Bool {
        (c >= 0x2E80 && c <= 0x2FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0x31C0 && c <= 0x31EF)
            || (c >= 0x3200 && c <= 0x33FF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0x1F200 && c <= 0x1F2FF)
    }

    /// Punctuation marks that split off at either end of a token (spaCy's LIST_PUNCT).
    @inline(__always)
    static func isListPunct(_ c: UInt32) -> Bool {
        switch c {
        case 0x2026, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0xBF, 0x61F, 0xA1, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E,
             0x5F, 0x23, 0x2A, 0x26, 0x3002, 0xFF1F, 0xFF01, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF5E, 0xB7, 0x964,
             0x60C, 0x6D4, 0x61B, 0x66A:
            return true
        default:
            return false
        }
    }

    /// Quotation marks and brackets (spaCy's LIST_QUOTES).
    @inline(__always)
    static func isQuote(_ c: UInt32) -> Bool {
        switch c {
        case 0x27, 0x22, 0x201D, 0x201C, 0x60, 0x2018, 0xB4, 0x2019, 0x201A, 0x2C, 0x201E, 0xBB, 0xAB, 0x300C,
             0x300D, 0x300E, 0x300F, 0xFF08, 0xFF09, 0x3014, 0x3015, 0x3010, 0x3011, 0x300A, 0x300B, 0x3008, 0x3009,
             0x2329, 0x232A, 0x27E6, 0x27E7:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isCurrency(_ c: UInt32) -> Bool {
        c == 0x24 || c == 0xA3 || c == 0xA5 || c == 0xE3F || c == 0xFDFC || (c >= 0x20A0 && c <= 0x20BF)
    }

    /// Symbols (general category So: dingbats, emoji, box drawing, `©`, `°`).
    @inline(__always)
    static func isIcon(_ c: UInt32) -> Bool {
        if c < 0xA6 { return false }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.generalCategory == .otherSymbol
    }

    /// The class of characters after which a final period splits off: digits, lower-case letters, `%²-+`,
    /// punctuation and quotes.
    @inline(__always)
    static func periodSplitsAfter(_ c: UInt32) -> Bool {
        isDigit(c) || isLower(c) || c == 0x25 || c == 0xB2 || c == 0x2D || c == 0x2B || c == 0x7C || isListPunct(c)
            || isQuote(c)
    }

    // MARK: prefixes, suffixes, infixes

    /// Length of the prefix at the start of `r` (0 if none).
    @inline(__always)
    func prefixLength(_ t: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Int {
        let c = t[r.lowerBound]
        switch c {
        case 0xA7, 0x25, 0x3D, 0x2014, 0x2013: return 1
        case 0x2B: return (r.count > 1 && Self.isDigit(t[r.lowerBound + 1])) ? 0 : 1
        case 0x2E:
            var j = r.lowerBound
            while j < r.upperBound, t[j] == 0x2E { j += 1 }
            return j - r.lowerBound >= 2 ? j - r.lowerBound : 0
        default: break
        }
        if Self.isListPunct(c) || Self.isQuote(c) || Self.isCurrency(c) || Self.isIcon(c) { return 1 }
        // US$, C$, A$
        if (c == 0x55 && r.count >= 3 && t[r.lowerBound + 1] == 0x53 && t[r.lowerBound + 2] == 0x24) { return 3 }
        if (c == 0x43 || c == 0x41) && r.count >= 2 && t[r.lowerBound + 1] == 0x24 { return 2 }
        return 0
    }

    /// Units that split off a number (`10km`, `5MB`, `3%`).
    static let units: [[UInt32]] = {
        let list = "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % км км² км³ м м² м³ дм дм² дм³ см см² см³ мм мм² мм³ нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ тбكم م م² م³ سم سم² سم³ مم مم² مم³ كم غرام جرام جم كغ ملغ كوب اكواب"
        return list.split(separator: " ").map { $0.unicodeScalars.map(\.value) }
    }()
    static let currencyWords: [[UInt32]] = ["US$", "C$", "A$"].map { $0.unicodeScalars.map(\.value) }
    /// ``units`` and ``currencyWords`` in one flat array (entry `k` is `unitScalars[unitStarts[k]..<unitStarts[k + 1]]`),
    /// so that matching them neither allocates nor retains an array per entry.
    static let unitScalars: [UInt32] = (units + currencyWords).flatMap { $0 }
    static let unitStarts: [Int] = (units + currencyWords).reduce(into: [0]) { $0.append($0.last! + $1.count) }
    /// The entries of ``unitScalars`` by last character: those ending in ASCII character `c` are
    /// `unitsByLast[unitBuckets[c]..<unitBuckets[c + 1]]`, those ending in any other are bucket 128.
    static let unitsByLast: [Int] = (0..<(unitStarts.count - 1)).sorted { bucket(ofUnit: $0) < bucket(ofUnit: $1) }
    static let unitBuckets: [Int] = (0...129).map { b in unitsByLast.firstIndex { bucket(ofUnit: $0) >= b } ?? unitsByLast.count }
    private static func bucket(ofUnit e: Int) -> Int {
        let last = unitScalars[unitStarts[e + 1] - 1]
        return last < 0x80 ? Int(last) : 128
    }

    /// Length of the suffix at the end of `r` (0 if none): of all suffix patterns that match at the end, the
    /// one that starts leftmost (a regular-expression search for `(alternatives)$`).
    func suffixLength(_ t: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Int {
        guard !r.isEmpty else { return 0 }
        let hi = r.upperBound, lo = r.lowerBound
        var best = hi  // leftmost start found so far
        @inline(__always) func consider(_ p: Int) { if p < best { best = p } }
        let last = t[hi - 1]
        // A run of at least two periods.
        if last == 0x2E, hi - 2 >= lo, t[hi - 2] == 0x2E {
            var j = hi - 2
            while j > lo, t[j - 1] == 0x2E { j -= 1 }
            consider(j)
        }
        if last == 0x2026, hi - 2 >= lo, t[hi - 2] == 0x2026 { consider(hi - 2) }
        // 's 'S ’s ’S
        if (last == 0x73 || last == 0x53), hi - 2 >= lo, t[hi - 2] == 0x27 || t[hi - 2] == 0x2019 { consider(hi - 2) }
        // Units and currencies after a digit.
        var digitNearEnd = false
        for j in max(lo, hi - 7)..<(hi - 1) where Self.isDigit(t[j]) { digitNearEnd = true; break }
        if digitNearEnd {
            // Only units ending in the last character can match.
            let bucket = last < 0x80 ? Int(last) : 128
            let candidates = Self.unitBuckets[bucket]..<Self.unitBuckets[bucket + 1]
            Self.unitScalars.withUnsafeBufferPointer { u in
                Self.unitStarts.withUnsafeBufferPointer { starts in
                    Self.unitsByLast.withUnsafeBufferPointer { byLast in
                        for c in candidates {
                            let e = byLast[c]
                            let start = starts[e], count = starts[e + 1] - start
                            guard count <= hi - lo - 1 else { continue }
                            let p = hi - count
                            guard p < best, Self.isDigit(t[p - 1]) else { continue }
                            var equal = true
                            for k in 0..<count where t[p + k] != u[start + k] { equal = false; break }
                            if equal { consider(p) }
                        }
                    }
                }
            }
        }
        if best < hi - 1 { return hi - best }
        // Single characters.
        if Self.isListPunct(last) || Self.isQuote(last) || Self.isIcon(last) || last == 0x2014 || last == 0x2013 {
            return 1
        }
        let before: UInt32? = hi - 2 >= lo ? t[hi - 2] : nil
        if let before, Self.isDigit(before), last == 0x2B || Self.isCurrency(last) { return 1 }
        if last == 0x2E, let before {
            if Self.periodSplitsAfter(before) { return 1 }
            if hi - 3 >= lo, Self.isUpper(before), Self.isUpper(t[hi - 3]) { return 1 }
            if hi - 3 >= lo, t[hi - 3] == 0xB0, "FfCcKk".unicodeScalars.contains(where: { $0.value == before }) { return 1 }
        }
        return best < hi ? hi - best : 0
    }

    /// Splits `r` at infixes and appends the pieces.
    private func splitInfixes(_ t: UnsafeBufferPointer<UInt32>, _ r: Range<Int>, _ tokens: inout [Token]) {
        let lo = r.lowerBound, hi = r.upperBound
        var start = lo
        var i = lo
        while i < hi {
            let m = infixMatch(t, i, lo, hi)
            if m == 0 { i += 1; continue }
            if i != lo {
                if i != start { push(start..<i, &tokens) }
                push(i..<(i + m), &tokens)
                start = i + m
            }
            i += m
        }
        if start < hi { push(start..<hi, &tokens) }
    }

    /// Length of the infix that matches at `i` within `lo..<hi` (0 if none).
    @inline(__always)
    private func infixMatch(_ t: UnsafeBufferPointer<UInt32>, _ i: Int, _ lo: Int, _ hi: Int) -> Int {
        let c = t[i]
        let prev: UInt32? = i > lo ? t[i - 1] : nil
        let next: UInt32? = i + 1 < hi ? t[i + 1] : nil
        if c == 0x2E, next == 0x2E {
            var j = i
            while j < hi, t[j] == 0x2E { j += 1 }
            return j - i
        }
        if c == 0x2026 { return 1 }
        if c >= 0xA6, Self.isIcon(c) { return 1 }
        guard let prev else { return 0 }
        switch c {
        case 0x2B, 0x2D, 0x2A, 0x5E:
            if Self.isDigit(prev), let next, Self.isDigit(next) || next == 0x2D { return 1 }
        default: break
        }
        if c == 0x2E, let next, Self.isLower(prev) || Self.isQuote(prev), Self.isUpper(next) || Self.isQuote(next) { return 1 }
        if c == 0x2C, let next, Self.isAlpha(prev), Self.isAlpha(next) { return 1 }
        if Self.isAlpha(prev) || Self.isDigit(prev) {
            // Hyphens: - – — -- --- —— ~
            if c == 0x2D || c == 0x2013 || c == 0x2014 || c == 0x7E {
                if let next, Self.isAlpha(next) { return 1 }
                if c == 0x2D, next == 0x2D {
                    if i + 2 < hi, Self.isAlpha(t[i + 2]) { return 2 }
                    if i + 3 < hi, t[i + 2] == 0x2D, Self.isAlpha(t[i + 3]) { return 3 }
                }
                if c == 0x2014, next == 0x2014, i + 2 < hi, Self.isAlpha(t[i + 2]) { return 2 }
            }
            if c == 0x3A || c == 0x3C || c == 0x3E || c == 0x3D || c == 0x2F, let next, Self.isAlpha(next) { return 1 }
        }
        return 0
    }
}
