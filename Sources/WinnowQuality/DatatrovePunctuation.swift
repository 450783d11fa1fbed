/// The punctuation sets of datatrove's text utilities, which decide which words count as symbols (Gopher)
/// and which lines end in terminal punctuation (FineWeb).
enum DatatrovePunctuation {
    /// Characters that make up "symbol words" in the Gopher quality filter: ASCII and CJK punctuation,
    /// the C0/C1 control characters other than tab and newline, the terminal punctuation of every script,
    /// and (as datatrove's list has it) the full-width digit one `１`.
    static let symbolCharacters: Set<UInt32> = {
        var set = Set<UInt32>()
        let listed = "!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_.\"}►»"
        for s in listed.unicodeScalars { set.insert(s.value) }
        for range in [0..<9, 11..<13, 13..<32, 127..<160] as [Range<UInt32>] { for c in range { set.insert(c) } }
        return set
    }()

    /// Whether `c` is a symbol character (see ``symbolCharacters``) or terminal punctuation.
    @inline(__always)
    static func isSymbol(_ c: UInt32) -> Bool {
        if c < 0x80 {
            // Letters and digits are the only ASCII characters that are not symbols, apart from tab,
            // newline and space.
            if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { return false }
            if c >= 0x30 && c <= 0x39 { return false }
            return c != 0x09 && c != 0x0A && c != 0x20
        }
        return symbolCharacters.contains(c) || PythonCharacters.isSentenceTerminal(c)
    }
}
