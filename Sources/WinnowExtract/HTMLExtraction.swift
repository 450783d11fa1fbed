public import WinnowCore
internal import WinnowJSON

/// Turns each document's raw HTML into its main text with ``HTMLExtractor``.
///
/// For a document whose `raw` content may be HTML (media type `text/html`, `application/xhtml+xml`, or
/// unknown): sets `text` to the main text, clears `raw`, and adds to `metadata` the keys `title` and
/// `html_lang` (when the page has them) and `charset` (the charset decoded from). Records
/// `{"html_bytes", "page_characters", "text_characters", "lines", "replaced_bytes", "charset_source"}`
/// in the document's attributes under the stage label.
///
/// Drop reasons: `empty_extraction` when fewer than `minCharacters` characters of main text remain (detail:
/// the count), `extraction_limit` when the page exceeds one of ``limits`` (detail: the error naming the
/// limit), `extraction_failed` when the page is otherwise unusable (detail: the error). Documents without raw content, or whose raw content is not HTML, pass through unchanged.
public struct HTMLExtraction: DocumentStage {
    public static let identifier: StageIdentifier = "extract.html@1"

    public var label: String
    /// Fewest characters (Unicode scalars) of main text to keep a document.
    public var minCharacters: Int
    /// Limits against hostile pages.
    public var limits: HTMLExtractor.Limits

    public init(minCharacters: Int = 1, limits: HTMLExtractor.Limits = .init(), label: String = "extract.html") {
        self.label = label
        self.minCharacters = minCharacters
        self.limits = limits
    }

    public func validate() throws {
        guard minCharacters >= 0 else { throw invalid("minCharacters must not be negative") }
        guard limits.maxInputBytes > 0, limits.maxDepth > 0, limits.maxNodes > 0 else {
            throw invalid("limits must be positive (maxInputBytes \(limits.maxInputBytes), maxDepth \(limits.maxDepth), maxNodes \(limits.maxNodes))")
        }
    }

    public func makeProcessor(context: TaskContext) throws -> any DocumentProcessor {
        Processor(stage: self, extractor: HTMLExtractor(limits: limits))
    }

    struct Processor: DocumentProcessor {
        let stage: HTMLExtraction
        let extractor: HTMLExtractor

        mutating func process(_ document: inout Document) throws -> Decision {
            guard let raw = document.raw, raw.mayBeHTML else { return .keep }
            document.raw = nil
            let page: ExtractedPage
            do {
                page = try extractor.extract(raw.bytes, charsetHint: raw.charset)
            } catch let error as WinnowError {
                let limit = error.code == .limitExceeded || error.code == .recordTooLarge
                return .drop(reason: limit ? "extraction_limit" : "extraction_failed", detail: error.description)
            }
            document.text = page.text
            if let title = page.title { document.metadata["title"] = .string(title) }
            if let language = page.language { document.metadata["html_lang"] = .string(language) }
            document.metadata["charset"] = .string(page.charset)
            let figures = page.figures
            document.attributes[stage.label] = .object([
                "html_bytes": .number(JSONNumber(figures.inputBytes)),
                "page_characters": .number(JSONNumber(figures.pageCharacters)),
                "text_characters": .number(JSONNumber(figures.textCharacters)),
                "lines": .number(JSONNumber(figures.lines)),
                "replaced_bytes": .number(JSONNumber(figures.replacedBytes)),
                "charset_source": .string(page.charsetSource),
            ])
            if figures.textCharacters < stage.minCharacters {
                return .drop(reason: "empty_extraction", detail: "\(figures.textCharacters) characters < \(stage.minCharacters)")
            }
            return .keep
        }
    }
}
