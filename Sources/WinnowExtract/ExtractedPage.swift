/// What ``HTMLExtractor`` found in one page.
public struct ExtractedPage: Sendable, Hashable {
    /// The main text: one line per paragraph, heading, list item or table row (cells separated by ` | `).
    public var text: String
    /// The `<title>`, whitespace-collapsed; nil when the page has none.
    public var title: String?
    /// The `<html lang>` attribute; nil when absent.
    public var language: String?
    /// The charset the bytes were decoded from (`UTF-8`, `WINDOWS-1251`, `CP932`, ...).
    public var charset: String
    /// Where the charset came from: `bom`, `header`, `meta` or `detected`.
    public var charsetSource: String
    /// Figures about the extraction, for attributes and debugging.
    public var figures: Figures

    public struct Figures: Sendable, Hashable {
        /// Bytes of HTML read.
        public var inputBytes: Int
        /// Bytes replaced while decoding (undecodable bytes, invalid UTF-8, control characters).
        public var replacedBytes: Int
        /// Elements and text nodes kept in the extractor's tree.
        public var nodes: Int
        /// Characters of text in the page body (outside scripts, styles and the like).
        public var pageCharacters: Int
        /// Characters in the main text.
        public var textCharacters: Int
        /// Lines in the main text.
        public var lines: Int
    }
}
