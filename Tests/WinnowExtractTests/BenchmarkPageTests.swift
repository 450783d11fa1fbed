import Foundation
import Testing
import WinnowExtract

/// Real pages from the public extraction benchmarks (see Fixtures/README.md): key sentences of the ground
/// truth must come out; the benchmark's boilerplate snippets must not.
@Suite struct BenchmarkPageTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func extract(_ name: String) throws -> ExtractedPage {
        let bytes = try HTMLFiles.read(fixtures + "/" + name, maxBytes: 1 << 24)
        return try HTMLExtractor().extract(bytes)
    }

    @Test func scrapinghubArticleKeepsItsParagraphsAndDropsTheRest() throws {
        let page = try Self.extract("scrapinghub-14cc2a0c.html.gz")
        let truth = try String(contentsOfFile: Self.fixtures + "/scrapinghub-14cc2a0c.truth.txt", encoding: .utf8)
        let paragraphs = truth.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(paragraphs.count >= 5)
        for paragraph in paragraphs {
            #expect(page.text.contains(paragraph), "missing: \(paragraph.prefix(60))")
        }
        #expect(page.title?.contains("Europa") == true)
        #expect(page.charset == "UTF-8")
    }

    @Test(arguments: ["4554", "0684"])
    func wcxbSnippets(id: String) throws {
        let page = try Self.extract("wcxb-\(id).html.gz")
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/wcxb-\(id).snippets.json"))
        let snippets = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String]])
        let text = page.text.lowercased()
        let with = try #require(snippets["with"])
        let without = try #require(snippets["without"])
        #expect(!with.isEmpty && !without.isEmpty)
        for snippet in with { #expect(text.contains(snippet.lowercased()), "missing: \(snippet)") }
        for snippet in without { #expect(!text.contains(snippet.lowercased()), "boilerplate kept: \(snippet)") }
    }
}
