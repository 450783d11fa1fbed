import Foundation
import Logging
import Testing
import WinnowCore
import WinnowExtract
import WinnowJSON

@Suite struct HTMLExtractionStageTests {
    static let context = TaskContext(rank: 0, worldSize: 1, phase: "test", runDirectory: "/nonexistent", logger: Logger(label: "test"))
    static let html = """
        <html lang="de"><head><title>Ein Titel</title></head><body><nav><a href="/">Start</a></nav>
        <article><p>Dies ist der erste Absatz des Artikels, lang genug, um als Inhalt zu gelten.</p></article></body></html>
        """

    static func document(raw: RawContent?) -> Document {
        Document(id: "doc-1", text: "", source: "test", origin: Origin(path: "in.warc.gz", inputIndex: 0, ordinal: 0), raw: raw)
    }

    static func run(_ stage: HTMLExtraction, _ document: inout Document) throws -> Decision {
        var processor = try stage.makeProcessor(context: context)
        return try processor.process(&document)
    }

    @Test func extractsTextAndMetadata() throws {
        var document = Self.document(raw: RawContent(bytes: Array(Self.html.utf8), mediaType: "text/html", charset: "utf-8"))
        let decision = try Self.run(HTMLExtraction(), &document)
        #expect(decision == .keep)
        #expect(document.text == "Dies ist der erste Absatz des Artikels, lang genug, um als Inhalt zu gelten.")
        #expect(document.raw == nil)
        #expect(document.metadata["title"] == .string("Ein Titel"))
        #expect(document.metadata["html_lang"] == .string("de"))
        #expect(document.metadata["charset"] == .string("UTF-8"))
        let figures = try #require(document.attributes["extract.html"]?.objectValue)
        #expect(figures["text_characters"] == .number(JSONNumber(76)))
        #expect(figures["lines"] == .number(JSONNumber(1)))
        #expect(figures["html_bytes"] == .number(JSONNumber(Self.html.utf8.count)))
        #expect(figures["charset_source"] == .string("header"))
    }

    @Test func documentsWithoutRawHTMLPassThroughUnchanged() throws {
        var plain = Self.document(raw: nil)
        plain.text = "already text"
        let before = plain
        #expect(try Self.run(HTMLExtraction(), &plain) == .keep)
        #expect(plain == before)

        var pdf = Self.document(raw: RawContent(bytes: [0x25, 0x50, 0x44, 0x46], mediaType: "application/pdf"))
        let pdfBefore = pdf
        #expect(try Self.run(HTMLExtraction(), &pdf) == .keep)
        #expect(pdf == pdfBefore)
    }

    @Test func emptyExtractionIsDropped() throws {
        var document = Self.document(raw: RawContent(bytes: Array("<html><body><nav>Menu</nav></body></html>".utf8)))
        #expect(try Self.run(HTMLExtraction(), &document) == .drop(reason: "empty_extraction", detail: "0 characters < 1"))
        var short = Self.document(raw: RawContent(bytes: Array(Self.html.utf8)))
        #expect(try Self.run(HTMLExtraction(minCharacters: 200), &short)
            == .drop(reason: "empty_extraction", detail: "76 characters < 200"))
    }

    @Test func unusableHTMLIsDroppedWithTheError() throws {
        let deep = "<html><body>" + String(repeating: "<div>", count: 100) + "x</body></html>"
        var document = Self.document(raw: RawContent(bytes: Array(deep.utf8)))
        let stage = HTMLExtraction(limits: .init(maxDepth: 50))
        guard case .drop(let reason, let detail) = try Self.run(stage, &document) else {
            Issue.record("expected a drop")
            return
        }
        #expect(reason == "extraction_limit")
        #expect(detail == "HTML nested deeper than 50 elements [limit-exceeded]")
        #expect(document.raw == nil)
    }

    @Test func validationAndCoding() throws {
        #expect(throws: WinnowError.self) { try HTMLExtraction(minCharacters: -1).validate() }
        #expect(throws: WinnowError.self) { try HTMLExtraction(limits: .init(maxDepth: 0)).validate() }
        try HTMLExtraction().validate()
        #expect(HTMLExtraction.identifier.description == "extract.html@1")
        #expect(ExtractStages.all.map { $0.identifier.description } == ["extract.html@1"])
        let stage = HTMLExtraction(minCharacters: 50, limits: .init(maxInputBytes: 1 << 20, maxDepth: 512, maxNodes: 1000), label: "html")
        let decoded = try JSONDecoder().decode(HTMLExtraction.self, from: JSONEncoder().encode(stage))
        #expect(decoded.minCharacters == 50 && decoded.limits == stage.limits && decoded.label == "html")
    }

    @Test func extractionIsDeterministicAndStateless() throws {
        let other = Array("<html><body><article><p>A completely different page with different words in it, long enough.</p></article></body></html>".utf8)
        let extractor = HTMLExtractor()
        let first = try extractor.extract(Array(BoilerplateTests.page.utf8))
        _ = try extractor.extract(other)
        let again = try extractor.extract(Array(BoilerplateTests.page.utf8))
        let fresh = try HTMLExtractor().extract(Array(BoilerplateTests.page.utf8))
        #expect(first == again)
        #expect(first == fresh)
    }

    @Test(arguments: [
        ("a/b/page.html", "page.txt"), ("PAGE.HTM", "PAGE.txt"), ("x/0001.html.gz", "0001.txt"),
        ("doc.htm.gz", "doc.txt"), ("notes.txt", nil), (".html", nil),
    ] as [(String, String?)])
    func outputNames(path: String, expected: String?) {
        #expect(HTMLFiles.outputName(for: path) == expected)
    }
}
