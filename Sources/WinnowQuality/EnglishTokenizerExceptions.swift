/// The special cases of ``EnglishWordTokenizer``: strings that are tokenized as a whole, by a fixed split,
/// rather than by the affix rules. They reproduce the behaviour of spaCy's English tokenizer (which
/// datatrove's filters use) for the cases that occur in real text: contractions (`don't` → `do` `n't`,
/// `I'm` → `I` `'m`, and the apostrophe-less spellings `dont`, `id`, `im`), `cannot`, common
/// abbreviations ending in a period (`e.g.`, `Inc.`, `Dec.`), and emoticons (`:)`, `<3`) that the affix
/// rules would otherwise split. The lists are written from English usage, not copied from spaCy; cases
/// they miss are counted in docs/decisions/0008-quality-filters.md.
struct EnglishTokenizerExceptions: Sendable {
    // A flat open-addressing table (no per-lookup allocation or reference counting): `slots` holds entry
    // indices by the FNV-1a hash of the entry's scalars; an entry's scalars and piece lengths live in the
    // flat arrays below.
    private var slots: [Int32] = []
    private var slotHashes: [UInt64] = []
    private var mask = 0
    private var entryScalarStart: [Int32] = []
    private var entryScalarCount: [Int32] = []
    private var entryPieceStart: [Int32] = []
    private var entryPieceCount: [Int32] = []
    private var scalars: [UInt32] = []
    private var pieceLengths: [Int32] = []
    /// The longest entry, in scalars (longer strings are never looked up).
    private(set) var maxLength = 0
    /// For entries made only of ASCII letters: a bit per (first letter, last letter), case-folded, so that
    /// most plain words are rejected without hashing.
    private var letterPairs = [UInt32](repeating: 0, count: 26)
    /// For entries whose first and last characters are ASCII: a bit per (first, last), so that most strings
    /// that are no entry are rejected without hashing (bit `last & 63` of word `first << 1 | last >> 6`).
    private var asciiPairs = [UInt64](repeating: 0, count: 256)

    init() {
        let all = Self.entries()
        var capacity = 64
        while capacity < all.count * 4 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        slotHashes = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        for (surface, pieces) in all { add(surface, pieces) }
    }

    private mutating func add(_ surface: String, _ pieces: [String]) {
        let entryScalars = surface.unicodeScalars.map(\.value)
        let lengths = pieces.map { $0.unicodeScalars.count }
        precondition(lengths.reduce(0, +) == entryScalars.count, "pieces of '\(surface)' do not cover it")
        let existing = entryScalars.withUnsafeBufferPointer { lookup($0, 0..<$0.count) }
        if existing >= 0 { return }
        let hash = Self.hash(entryScalars[...])
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entryScalarStart.count)
        slotHashes[slot] = hash
        entryScalarStart.append(Int32(scalars.count))
        entryScalarCount.append(Int32(entryScalars.count))
        entryPieceStart.append(Int32(pieceLengths.count))
        entryPieceCount.append(Int32(lengths.count))
        if entryScalars.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
            letterPairs[Int((entryScalars.first! | 0x20) - 0x61)] |= 1 << ((entryScalars.last! | 0x20) - 0x61)
        }
        if let first = entryScalars.first, let last = entryScalars.last, first < 0x80, last < 0x80 {
            asciiPairs[Int(first) << 1 | Int(last >> 6)] |= 1 << (last & 63)
        }
        scalars += entryScalars
        pieceLengths += lengths.map { Int32($0) }
        maxLength = max(maxLength, entryScalars.count)
    }

    @inline(__always)
    static func hash(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in scalars {
            h ^= UInt64(s)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// The entry equal to `text[range]`, or -1.
    @inline(__always)
    func lookup(_ text: UnsafeBufferPointer<UInt32>, _ range: Range<Int>) -> Int {
        let n = range.count
        guard n > 0, n <= maxLength || maxLength == 0, !slots.isEmpty else { return -1 }
        let first = text[range.lowerBound], last = text[range.upperBound - 1]
        if first < 0x80, last < 0x80, asciiPairs[Int(first) << 1 | Int(last >> 6)] >> (last & 63) & 1 == 0 { return -1 }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            h ^= UInt64(text[i])
            h &*= 0x0000_0100_0000_01B3
        }
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return -1 }
            if slotHashes[slot] == h, Int(entryScalarCount[entry]) == n {
                var j = Int(entryScalarStart[entry])
                var equal = true
                for i in range {
                    if scalars[j] != text[i] { equal = false; break }
                    j += 1
                }
                if equal { return entry }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether a word of ASCII letters from `first` to `last` can be an entry (a cheap filter before
    /// ``lookup(_:_:)``).
    @inline(__always)
    func mayBeLetterEntry(first: UInt32, last: UInt32) -> Bool {
        letterPairs[Int((first | 0x20) &- 0x61)] & (1 << ((last | 0x20) &- 0x61)) != 0
    }

    /// The piece lengths of entry `entry`.
    @inline(__always)
    func pieces(_ entry: Int) -> ArraySlice<Int32> {
        let start = Int(entryPieceStart[entry])
        return pieceLengths[start..<(start + Int(entryPieceCount[entry]))]
    }

    private static func titled(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Every special case as (surface, pieces).
    static func entries() -> [(String, [String])] {
        var out: [(String, [String])] = []
        func both(_ surface: String, _ pieces: [String]) {
            out.append((surface, pieces))
            let t = titled(surface)
            if t != surface { out.append((t, [titled(pieces[0])] + pieces.dropFirst())) }
        }
        let apostrophes = ["'", "\u{2019}"]
        // Negated auxiliaries: don't → do n't; can't → ca n't; won't → wo n't.
        let negated = [
            "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "could", "would", "should",
            "might", "must", "need", "ca", "wo", "sha", "ai", "dare", "ought", "may",
        ]
        let perfectAfterNegation: Set<String> = ["could", "would", "should", "might", "must", "need", "ca", "wo", "may", "ought"]
        for base in negated {
            for a in apostrophes {
                both(base + "n\(a)t", [base, "n\(a)t"])
                if perfectAfterNegation.contains(base) { both(base + "n\(a)t\(a)ve", [base, "n\(a)t", "\(a)ve"]) }
            }
            if base != "wo" && base != "ai" && base != "sha" && base != "may" && base != "dare" {
                both(base + "nt", [base, "nt"])  // dont, isnt, cant, couldnt
            }
        }
        both("cannot", ["can", "not"])
        both("gonna", ["gon", "na"])
        both("gotta", ["got", "ta"])
        // Pronouns and wh-words with clitics: I'm, you're, we'll, they'd, it'll've.
        let clitics: [(String, [String])] = [
            ("i", ["m", "ll", "d", "ve"]),
            ("you", ["re", "ll", "d", "ve"]), ("we", ["re", "ll", "d", "ve"]), ("they", ["re", "ll", "d", "ve"]),
            ("he", ["ll", "d", "s"]), ("she", ["ll", "d", "s"]), ("it", ["ll", "d", "s"]),
            ("that", ["ll", "d", "s", "re", "ve"]), ("this", ["ll", "d", "s"]), ("there", ["ll", "d", "s", "re", "ve"]),
            ("these", ["ll", "d", "re", "ve"]), ("those", ["ll", "d", "re", "ve"]),
            ("what", ["ll", "d", "s", "re", "ve"]), ("who", ["ll", "d", "s", "re", "ve"]),
            ("where", ["ll", "d", "s", "re", "ve"]), ("when", ["ll", "d", "s", "re", "ve"]),
            ("why", ["ll", "d", "s", "re", "ve"]), ("how", ["ll", "d", "s", "re", "ve"]),
        ]
        // Spellings without the apostrophe that are also ordinary words are left alone (were, well, hell, its).
        let ambiguous: Set<String> = [
            "ill", "well", "were", "hell", "shell", "shed", "hes", "its", "whore", "whats",
            "heres", "wholl", "whod", "hows", "whys", "whens", "wheres", "thisd", "thiss", "thiss",
        ]
        for (pronoun, endings) in clitics {
            for ending in endings {
                for a in apostrophes {
                    let clitic = a + ending
                    if pronoun == "i" {
                        out.append(("i" + clitic, ["i", clitic]))
                        out.append(("I" + clitic, ["I", clitic]))
                    } else {
                        both(pronoun + clitic, [pronoun, clitic])
                    }
                    if ending == "ll" || ending == "d" {
                        let perfect = clitic + a + "ve"
                        if pronoun == "i" {
                            out.append(("i" + perfect, ["i", clitic, a + "ve"]))
                            out.append(("I" + perfect, ["I", clitic, a + "ve"]))
                        } else {
                            both(pronoun + perfect, [pronoun, clitic, a + "ve"])
                        }
                    }
                }
                let bare = pronoun + ending
                if ending != "s", !ambiguous.contains(bare) {
                    if pronoun == "i" {
                        out.append((bare, ["i", ending]))
                        out.append(("I" + ending, ["I", ending]))
                    } else {
                        both(bare, [pronoun, ending])
                    }
                }
            }
        }
        for a in apostrophes {
            both("let\(a)s", ["let", "\(a)s"])
            out.append(("\(a)em", ["\(a)em"]))
            out.append(("\(a)s", ["\(a)s"]))
            out.append(("\(a)d", ["\(a)d"]))
            out.append(("\(a)S", ["\(a)S"]))
        }
        out.append(("''", ["''"]))
        // Abbreviations that keep their period.
        let abbreviations = [
            "e.g.", "E.g.", "E.G.", "i.e.", "I.e.", "I.E.", "a.m.", "p.m.", "vs.", "v.s.", "Inc.", "Ltd.", "Corp.",
            "Co.", "co.", "Bros.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Jr.", "St.", "Mt.", "Gen.", "Gov.", "Sen.",
            "Rep.", "Rev.", "Adm.", "Messrs.", "Ph.D.", "D.C.", "N.Y.", "N.J.", "N.C.", "N.D.", "N.H.", "N.M.", "S.C.",
            "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
            "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Kans.",
            "Ky.", "La.", "Mass.", "Md.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nebr.", "Nev.", "Okla.",
            "Ore.", "Pa.", "Tenn.", "Va.", "Wash.", "Wis.", "Ak.", "Ia.", "Id.",
        ]
        for abbreviation in abbreviations { out.append((abbreviation, [abbreviation])) }
        for letter in "abcdefghijklmnopqrstuvwxyzäöü" { out.append(("\(letter).", ["\(letter)."])) }
        // Emoticons and other symbol strings that stay whole.
        let whole = [
            ":)", ":-)", ":(", ":-(", ";)", ";-)", ";(", ":D", ":-D", ":P", ":p", ":-P", ":-p", ":/", ":-/", ":*",
            ":-*", ":>", ":<", "):", "(:", "(=", "=)", "=(", ")=", "]=", "=]", "[=", "=[", "8)", "8-)", ":X", ":x", ":0",
            ":1", ":3", "<3", "</3", "(;", ":]", ":[", ":-]", ":-[", ":|", ":-|", ":o", ":O", ":-o", ":-O", ":'(",
            ":')", ">:(", ">:o", "xD", "XD", "^_^", "^__^", "^^", "o.O", "O.o", "o_O", "O_o", "-_-", "._.", "<33",
            "=3", "=|", ":))", ":((", "C++", "and/or", "w/o", "\\n", "\\t",
        ]
        for s in whole { out.append((s, [s])) }
        return out
    }
}
