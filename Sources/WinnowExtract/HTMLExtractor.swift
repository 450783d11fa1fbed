internal import WinnowCore

/// Extracts the main text of HTML pages, with their title, `<html lang>` and charset.
///
/// The pipeline per page:
/// 1. **Charset** (``Charset``): byte order mark, the HTTP header's charset (`charsetHint`), `<meta>`, or
///    detection; decoded to UTF-8 through iconv, undecodable bytes becoming U+FFFD.
/// 2. **Parse** with libxml2's HTML parser in SAX mode (recovering from bad markup, no network) into a
///    compact tree that never holds scripts, styles, media or form controls.
/// 3. **Select** the main content (``ContentScorer``): furniture named by class, id or role (navigation,
///    comments, sharing, related links, cookie notices, ...) is excluded; paragraphs score their ancestors
///    Readability-style, scaled by link density; the best container and its related siblings win.
/// 4. **Render** (``TextRenderer``): one line per block; link-dense containers and lines are dropped.
///
/// An extractor holds reusable buffers: make one per task (it is not thread-safe) and call
/// ``extract(_:charsetHint:)`` for each page.
///
///     let extractor = HTMLExtractor()
///     let page = try extractor.extract(bytes, charsetHint: "windows-1251")
///     print(page.title ?? "", page.text)
public final class HTMLExtractor {
    /// Limits that keep hostile input cheap. Exceeding `maxDepth` or `maxNodes` is an error with code
    /// `limit-exceeded`, exceeding `maxInputBytes` one with `record-too-large` (docs/decisions/0015-limits.md).
    public struct Limits: Sendable, Hashable, Codable {
        /// Largest page in bytes (default 64 MiB).
        public var maxInputBytes: Int
        /// Deepest element nesting (default 2,048; real pages stay under a few hundred).
        public var maxDepth: Int
        /// Most elements and text nodes kept (default 2,000,000).
        public var maxNodes: Int

        public init(maxInputBytes: Int = 64 << 20, maxDepth: Int = 2048, maxNodes: Int = 2_000_000) {
            self.maxInputBytes = maxInputBytes
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }
    }

    public let limits: Limits
    private var builder: TreeBuilder
    private let transcoder = Transcoder()
    private let rawText = RawTextElision()
    /// Whether script and style bodies are cut before libxml2 parses the page (``RawTextElision``); the
    /// extraction is the same either way, only slower without. Off only to check that claim.
    public let elidesRawText: Bool
    private var scorer = ContentScorer()
    private var renderer = TextRenderer()
    private var joined: [UInt8] = []

    public init(limits: Limits = Limits(), elidesRawText: Bool = true) {
        self.limits = limits
        self.elidesRawText = elidesRawText
        builder = TreeBuilder(maxDepth: limits.maxDepth, maxNodes: limits.maxNodes)
    }

    /// Extracts the main text of one page.
    ///
    /// - Parameters:
    ///   - bytes: the page as received (any charset).
    ///   - charsetHint: the charset from the HTTP `Content-Type` header, if any.
    /// - Throws: ``WinnowError`` with code `limit-exceeded` or `record-too-large` when the page exceeds
    ///   ``limits``, `malformed-record` when libxml2 cannot parse it at all. The error has no location; the caller adds the file or record.
    public func extract(_ bytes: [UInt8], charsetHint: String? = nil) throws -> ExtractedPage {
        try bytes.withUnsafeBytes { try extract(bytes: $0, charsetHint: charsetHint) }
    }

    private func parse(_ utf8: UnsafeRawBufferPointer) throws {
        if elidesRawText {
            try rawText.withElided(utf8) { try LibXML2SAXParser.parse($0, into: &builder) }
        } else {
            try LibXML2SAXParser.parse(utf8, into: &builder)
        }
    }

    /// See ``extract(_:charsetHint:)``.
    public func extract(bytes: UnsafeRawBufferPointer, charsetHint: String? = nil) throws -> ExtractedPage {
        guard bytes.count <= limits.maxInputBytes else {
            throw WinnowError(.recordTooLarge, "HTML of \(bytes.count) bytes exceeds the limit of \(limits.maxInputBytes) bytes")
        }
        let charset = Charset.determine(bytes, hint: charsetHint)
        let body = UnsafeRawBufferPointer(rebasing: bytes[charset.bomLength...])
        let replaced = transcoder.decode(body, charset: charset.name)
        builder.reset()
        if replaced == nil {
            try parse(body)
        } else {
            try transcoder.output.withUnsafeBytes { try parse($0) }
        }
        var lastRoots = scorer.select(in: &builder.tree)
        renderer.render(builder.tree, roots: lastRoots)
        var lineCount = assemble()
        let characters = Self.characters(builder.tree)
        if joined.count < min(Self.nextToNothing, characters.plain / 4) {
            // Trusting class names left next to nothing: select again without them.
            lastRoots = scorer.select(in: &builder.tree, excludingFurniture: false)
            renderer.render(builder.tree, roots: lastRoots)
            lineCount = assemble()
        }
        if joined.count < min(Self.nextToNothingForLinks, characters.all / 4) {
            // Still next to nothing: the page is a list of links (a job board, a schedule, a catalogue), and
            // its links are its content. Render the selection again without link-density cleaning and keep
            // the link lines, if they make a list (a lone "Home" link is not one).
            let (previous, previousCount) = (joined, lineCount)
            renderer.render(builder.tree, roots: lastRoots, cleaning: false)
            lineCount = assemble(keepingLinkLines: true)
            if lineCount < Self.minimumLinkList { (joined, lineCount) = (previous, previousCount) }
        }
        let tree = builder.tree
        let text = String(decoding: joined, as: UTF8.self)
        return ExtractedPage(
            text: text,
            title: Self.string(tree.title),
            language: Self.string(tree.language),
            charset: charset.name,
            charsetSource: charset.source.rawValue,
            figures: ExtractedPage.Figures(
                inputBytes: bytes.count, replacedBytes: replaced ?? 0, nodes: tree.nodes.count - 1,
                pageCharacters: characters.all, textCharacters: Self.scalarCount(text), lines: lineCount))
    }

    /// Output shorter than this (in bytes, and under a quarter of the page's non-link text) means trusting
    /// class names left next to nothing: selection runs again without them.
    static let nextToNothing = 250
    /// Output still shorter than this (and under a quarter of the page's text, links included) means the page's
    /// content is its links: they are kept. Both thresholds are tuned on the development sets (1,000 for this
    /// one adds link lists to some article and forum pages; 500 for the first costs ScrapingHub F1 0.005).
    static let nextToNothingForLinks = 500
    /// Fewest lines that make a list of links.
    static let minimumLinkList = 3

    /// Joins the rendered lines that pass the line filter into ``joined``; returns the number of lines.
    private func assemble(keepingLinkLines: Bool = false) -> Int {
        joined.removeAll(keepingCapacity: true)
        var count = 0
        renderer.output.withUnsafeBufferPointer { output in
            for line in renderer.lines {
                // A line that is mostly link text is navigation, a tag list or a "read more" teaser.
                if !keepingLinkLines, line.chars > 0, line.linkChars * 2 > line.chars, !line.heading { continue }
                if !joined.isEmpty { joined.append(0x0A) }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: output[line.start..<line.end]))
                count += 1
            }
        }
        return count
    }

    /// Characters of the page's text: outside links, and all of them.
    private static func characters(_ tree: DocumentTree) -> (plain: Int, all: Int) {
        var plain = 0
        var all = 0
        for node in tree.nodes where node.tag == .text {
            all += Int(node.chars)
            if !node.flags.contains(.link) { plain += Int(node.chars) }
        }
        return (plain, all)
    }

    /// `text.unicodeScalars.count`, counted over the UTF-8 bytes (the lead bytes) rather than by decoding.
    private static func scalarCount(_ text: String) -> Int {
        let counted = text.utf8.withContiguousStorageIfAvailable { utf8 in
            var count = 0
            for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
        return counted ?? text.unicodeScalars.count
    }

    private static func string(_ bytes: [UInt8]) -> String? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
