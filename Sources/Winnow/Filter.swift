/// Document filters.
public enum Filter {
    /// Keeps documents within length bounds. See ``LengthFilter``.
    public static func length(
        minCharacters: Int = 0, maxCharacters: Int? = nil, minWords: Int = 0, maxWords: Int? = nil,
        label: String = "filter.length"
    ) -> LengthFilter {
        LengthFilter(minCharacters: minCharacters, maxCharacters: maxCharacters, minWords: minWords, maxWords: maxWords, label: label)
    }
}
