/// How a document is cut into the tokens whose `n`-grams (shingles) MinHash compares.
public enum ShingleMode: String, Sendable, Codable, CaseIterable {
    /// Prose: words are maximal runs of word characters (Unicode letters and numbers, and `_`; Python's
    /// `\w`), lower-cased with Unicode's default case mapping. Punctuation, symbols and white space only
    /// separate words. This is the canonical shingling of the near-duplicate benchmarks
    /// (`re.findall(r"\w+", text.lower())`).
    case words
    /// Source code: tokens are runs of word characters (case kept, identifiers are case-sensitive) and
    /// every other character that is not white space on its own (operators and brackets count), so that
    /// `a+b` and `a b` differ. White space only separates tokens.
    case code
}
