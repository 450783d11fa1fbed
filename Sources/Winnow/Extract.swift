/// Extraction stages: raw content (HTML from WARC records or files) into text.
public enum Extract {
    /// Main-text extraction from HTML with libxml2. See ``HTMLExtraction``.
    public static func html(
        minCharacters: Int = 1, limits: HTMLExtractor.Limits = .init(), label: String = "extract.html"
    ) -> HTMLExtraction {
        HTMLExtraction(minCharacters: minCharacters, limits: limits, label: label)
    }
}
