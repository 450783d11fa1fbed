import Foundation
import Testing
@testable import WinnowExtract

/// Cutting script and style bodies before libxml2 parses a page must leave the extraction unchanged: the cuts
/// are where libxml2 ends those bodies, and the scan stops where libxml2's tokenisation is not certain.
@Suite struct RawTextElisionTests {
    static func cuts(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            RawTextElision.rawTextBodies(buffer.baseAddress!, buffer.count).map {
                String(decoding: bytes[$0], as: UTF8.self)
            }
        }
    }

    @Test func cutsScriptAndStyleBodies() {
        #expect(Self.cuts("<p>a</p><script>var x = 1 < 2;</script><style type=text/css>p{}</style><p>b</p>")
            == ["var x = 1 < 2;", "type=text/css", "p{}"])
        // The body ends at the first "</script" in any case, as libxml2's recovery mode ends it.
        #expect(Self.cuts("<SCRIPT>a = '</b>'; </SCRIPT ><p>x</p>") == ["a = '</b>'; "])
        #expect(Self.cuts("<script>if (a</scripts) {}</script>") == ["if (a"])
        // Markup inside a body is not markup.
        #expect(Self.cuts("<script>document.write('<style>x</style>')</script>") == ["document.write('<style>x</style>')"])
        // An unquoted value takes the '/': this tag is not self-closed, its body runs to "</script".
        #expect(Self.cuts("<script src=x/><script>b</script>") == ["src=x/", "<script>b"])
    }

    /// Attributes the tree builder does not read go, the others stay; <meta> keeps all of its attributes.
    @Test func cutsUnreadAttributes() {
        #expect(Self.cuts("<meta name=x content=y><a href=\"u\" class=\"c\" ID=i data-x='1' Role=main hidden>t</a>")
            == ["href=\"u\"", "data-x='1'"])
        #expect(Self.cuts("<img src=a.png alt = \"b\" style=\"display:none\">") == ["src=a.png", "alt = \"b\""])
    }

    @Test func tagsInCommentsAndAttributesAreNotTags() {
        #expect(Self.cuts("<!-- <script>no</script> --><p>x</p>").isEmpty)
        #expect(Self.cuts("<div title=\"<script>\">text</div><p>x</p>") == ["title=\"<script>\""])
        #expect(Self.cuts("<div title='<style>'>text</div><style>y</style>") == ["title='<style>'", "y"])
        // Junk attributes (Vue, Alpine) are dropped up to a blank, quotes and all, as libxml2 drops them.
        #expect(Self.cuts("<button @click=\"a > b\" x-data><script>z</script>") == ["z"])
        #expect(Self.cuts("<div class=\"a\"\">t</div><script>z</script>") == ["z"])
    }

    @Test func stopsWhereLibxml2VersionsDiffer() {
        #expect(Self.cuts("<script>a</script><![CDATA[x]]><script>b</script>") == ["a"])
        #expect(Self.cuts("<script>a</script><!--> <script>b</script> -->") == ["a"])
        #expect(Self.cuts("<script>a</script></div class=\"x\"><script>b</script>") == ["a"])
        #expect(Self.cuts("<script>a</script><script src=x /><script>b</script>") == ["a", "src=x"])
        #expect(Self.cuts("<script>never ends").isEmpty)
        #expect(Self.cuts("<p title=\"unterminated><script>a</script>").isEmpty)
    }

    static let tricky = [
        "<html><body><p>One paragraph of text that is long enough to be content, with words.</p><script>var s = '<p>not text</p>';</script><p>Second paragraph, also long enough to count as the main text here.</p></body></html>",
        "<body><div title=\"<script>\">Title attribute with a tag inside it, followed by a paragraph of plain words.</div><script>x</script><p>More text after the script, enough words to be kept.</p></body>",
        "<body><!-- <script> --><p>Text after a comment that looks like a script start tag, with enough words.</p><script>y</script></body>",
        "<body><button @click=\"a > b\">Click</button><p>Alpine attributes carry quotes and angle brackets, the parser skips them as junk.</p><style>p{color:red}</style></body>",
        "<body><p>Upper case end tags end bodies as well, and the text around them stays.</p><SCRIPT>a='</p>'</SCRIPT ><p>Tail paragraph with enough words in it to be kept by the scorer.</p></body>",
        "<body><style>body { background: url('x<y>.png') }</style><article><p>An article paragraph with plenty of ordinary words in it for the extractor.</p></article></body>",
        "<body><p>Bogus markup: a < b and c <3 d, then a paragraph of text that is long enough to be kept.</p><script>z</script></body>",
        "<body><div class=\"a\"\"><p>Stray quotes in a tag, then a paragraph of text with enough words to be the main content.</p></div><script>w</script></body>",
    ]

    /// The extraction with and without the cuts, on crafted pages and on the real pages of the fixtures.
    @Test func extractionIsTheSameWithAndWithoutCuts() throws {
        var pages = Self.tricky.map { Array($0.utf8) }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted() where name.hasSuffix(".html.gz") {
            pages.append(try HTMLFiles.read(fixtures + "/" + name, maxBytes: 1 << 24))
        }
        let sampleHTML = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../SampleData/html").standardized.path
        for name in try FileManager.default.contentsOfDirectory(atPath: sampleHTML).sorted() where name.contains(".htm") {
            pages.append(try HTMLFiles.read(sampleHTML + "/" + name, maxBytes: 1 << 24))
        }
        #expect(pages.count > Self.tricky.count + 3)
        let cutting = HTMLExtractor(), plain = HTMLExtractor(elidesRawText: false)
        var cutBytes = 0
        for (index, page) in pages.enumerated() {
            let a = try cutting.extract(page), b = try plain.extract(page)
            #expect(a.text == b.text, "page \(index)")
            #expect(a.title == b.title, "page \(index)")
            cutBytes += page.withUnsafeBufferPointer { buffer in
                RawTextElision.rawTextBodies(buffer.baseAddress!, buffer.count).reduce(0) { $0 + $1.count }
            }
        }
        #expect(cutBytes > 5_000)
    }
}
