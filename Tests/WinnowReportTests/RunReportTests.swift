import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import WinnowCore
import WinnowIO
import WinnowJSON
@testable import WinnowReport

@Suite("Run report")
struct RunReportTests {
    @Test func everySectionHeadingIsPresentOnceInOrder() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let html = try RunReport(runDirectory: run.path).html()
        var previous = html.startIndex
        for section in ReportSection.allCases {
            let heading = "<h2>\(section.rawValue)</h2>"
            #expect(html.components(separatedBy: heading).count == 2, "\(heading) appears exactly once")
            let range = try #require(html.range(of: heading))
            #expect(range.lowerBound > previous, "\(heading) comes after the previous section")
            previous = range.lowerBound
        }
    }

    @Test func funnelAndDropReasonsShowTheStatsNumbers() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let html = try RunReport(runDirectory: run.path).html()
        #expect(html.contains("<tr><td>filter.length</td><td><code>filter.length@1</code></td><td class=\"n\">1,234</td><td class=\"n\">1,000</td><td class=\"n\">234</td><td class=\"n\">19.0%</td></tr>"))
        #expect(html.contains("<tr><td>dedup.exact</td><td><code>dedup.exact@1</code></td><td class=\"n\">1,000</td><td class=\"n\">3</td><td class=\"n\">997</td><td class=\"n\">99.7%</td></tr>"))
        #expect(html.contains("<td><code>too_few_words</code></td><td class=\"n\">200</td><td class=\"n\">16.2%</td>"))
        #expect(html.contains("<td><code>malformed-json</code></td><td class=\"n\">7</td>"))
        #expect(html.contains("<div class=\"k\">Documents read</div><div class=\"v\">1,234</div>"))
        #expect(html.contains("<div class=\"k\">Input bytes</div><div class=\"v\">1.2 MiB</div>"))
        #expect(html.contains("<td>segment-0</td><td class=\"n\">2</td><td class=\"n\">1,234</td><td class=\"n\">1,000</td><td class=\"n\">1.2 MiB</td><td class=\"n\">97.7 KiB</td><td class=\"n\">0.250</td>"))
    }

    @Test func lineageFiguresAreCountedExactly() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let data = try RunData.load(runDirectory: run.path)
        let lineage = data.lineage
        #expect(lineage.records == 5)
        #expect(lineage.problems == 1)
        #expect(lineage.firstProblem == "\(run.path)/lineage/unit-000000.jsonl:6: not a JSON object")
        #expect(lineage.statuses == ["kept": 3, "dropped": 1, "skipped": 1])
        #expect(lineage.sources["web"]?.kept == 2 && lineage.sources["web"]?.dropped == 1)
        #expect(lineage.sources["code"]?.other == 1 && lineage.sources["code"]?.total == 1)
        #expect(lineage.sources[FabricatedRun.hostileSource]?.kept == 1)
        #expect(lineage.languages["en"]?.all == 2 && lineage.languages["en"]?.kept == 1)
        #expect(lineage.languages["fr"]?.all == 1 && lineage.languages["fr"]?.kept == 1)
        #expect(lineage.scores[.init(stage: "filter.length", key: "words")] == [10, 7, 9, 2])
        #expect(lineage.scores[.init(stage: "consensus", key: "confidence")] == [0.9, 0.8, 0.6])
        #expect(lineage.scores[.init(stage: "dedup.exact", key: "copies")] == nil)
        #expect(lineage.clusterSizes == [3: 1, 2: 2])
        #expect(lineage.weights == [0.5, 1.0, 0.25])
        #expect(lineage.categories == ["consensus": ["good": 2, "bad": 1]])

        let html = ReportPage(data: data).render()
        #expect(html.contains("3 clusters of two or more copies; deduplication kept one document of each and removed 4 copies."))
        #expect(html.contains("<td><code>web</code></td><td class=\"n\">3</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">66.7%</td>"))
        #expect(html.contains("<td><code>en</code></td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">66.7%</td>"))
        #expect(html.contains("minWords = 5"))
        #expect(html.contains("1 lineage lines or files could not be read"))
    }

    @Test func runDataIsEscaped() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let html = try RunReport(runDirectory: run.path).html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("bot<7>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;co"))
        #expect(html.contains("<code>a&lt;b &amp; &quot;c&quot;</code>"))
        #expect(html.contains("<code>bot&lt;7&gt;</code>"))
        #expect(html.contains("in/&lt;x&gt;.jsonl"))
        #expect(html.contains("<code>zed &amp; co</code>"))
    }

    @Test func everySVGIsWellFormedXML() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let html = try RunReport(runDirectory: run.path).html()
        let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        // Funnel, two score histograms, cluster sizes, weights.
        #expect(svgs.count == 5)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "") in \(svg.prefix(200))")
        }
    }

    @Test func labelersLedgerAndVerificationAreShown() throws {
        let run = try FabricatedRun(manifest: #"{"schema": "something-else"}"#)
        defer { run.remove() }
        let html = try RunReport(runDirectory: run.path).html()
        #expect(html.contains("<td><code>ann</code></td><td class=\"n\">40</td><td class=\"n\">0.925</td><td class=\"n\">0.900</td><td class=\"n\">0.750</td><td class=\"flag\"></td>"))
        #expect(html.contains("<td class=\"flag\">spammer</td>"))
        #expect(html.contains("<caption>ann</caption><tr><th></th><th>good</th><th>bad</th></tr><tr><th>good</th><td style=\"background:rgba(47,133,90,0.81)\">0.95</td>"))
        #expect(html.contains("<td><code>web</code></td><td class=\"n\">1,714,286</td>"))
        #expect(html.contains("<td>Labelers</td><td class=\"n\">1,000,000</td><td class=\"n\">0</td>"))
        #expect(html.contains("<span class=\"bad\">Verification failed</span>"))
        #expect(html.contains("not a winnow-manifest"))
    }

    @Test func missingOptionalFilesGiveNotesNotErrors() throws {
        let run = try FabricatedRun(ledger: false, labelers: false, malformedLine: false)
        defer { run.remove() }
        try FileManager.default.removeItem(atPath: "\(run.path)/plan.json")
        let lines = #"{"id": "z", "status": "kept", "source": "web", "attributes": {}}"# + "\n"
        try run.write("lineage/unit-000000.jsonl", lines)
        let html = try RunReport(runDirectory: run.path).html()
        #expect(html.contains("No labels in this run."))
        #expect(html.contains("No reward ledger in this run (no ledger.json)."))
        #expect(html.contains("No manifest.json in this run directory: nothing to verify."))
        #expect(html.contains("No plan.json in this run directory."))
        #expect(html.contains("No numeric scores in the lineage attributes of this run."))
        #expect(html.contains("No document carries a weight in this run."))
        #expect(!html.contains("could not be read"))
    }

    @Test func aDirectoryWithoutStatsIsANoInputError() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        try FileManager.default.removeItem(atPath: "\(run.path)/stats.json")
        #expect(throws: WinnowError.self) { try RunReport(runDirectory: run.path) }
        do {
            _ = try RunReport(runDirectory: run.path)
        } catch let error as WinnowError {
            #expect(error.code == .noInput)
            #expect(error.location?.path == "\(run.path)/stats.json")
        }
        try run.write("stats.json", "{\"pipeline\": ")
        do {
            _ = try RunReport(runDirectory: run.path)
            Issue.record("malformed stats.json was accepted")
        } catch let error as WinnowError {
            #expect(error.code == .malformedJSON)
        }
    }

    @Test func writeIsDeterministic() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let first = try RunReport.write(runDirectory: run.path + "/")
        #expect(first == "\(run.path)/report.html")
        let firstBytes = try FileSystem.readFile(first)
        let second = try RunReport.write(runDirectory: run.path, to: "\(run.path)/again.html")
        #expect(try FileSystem.readFile(second) == firstBytes)
        #expect(firstBytes.count > 10_000)
        #expect(try RunReport(runDirectory: run.path).statsText() == (try RunReport(runDirectory: run.path).statsText()))
    }

    @Test func statsTextAlignsColumns() throws {
        let run = try FabricatedRun()
        defer { run.remove() }
        let text = try RunReport(runDirectory: run.path).statsText()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("stage           seen   kept  dropped  dropped %  top reasons"))
        #expect(lines.contains("read.jsonl     1,234  1,234        0       0.0%"))
        #expect(lines.contains("filter.length  1,234  1,000      234      19.0%  too_few_words 200, a<b & \"c\" 34"))
        #expect(lines.contains("dedup.exact    1,000      3      997      99.7%  duplicate 997"))
        #expect(lines.contains("filter.length.words   4    2       7       7   10  minWords 5"))
        #expect(lines.contains("consensus.confidence  3  0.6     0.8  0.7667  0.9"))
        #expect(lines.contains("manifest           none"))
        #expect(lines.contains("duplicate clusters    3 (4 copies removed)"))
    }

    @Test func scriptChecksTheSameHeadings() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/check-report.sh")
        let text = try String(contentsOf: script, encoding: .utf8)
        let expected = ReportSection.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " ")
        let listed = text.components(separatedBy: "headings=(")[1].components(separatedBy: ")")[0]
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(listed == expected.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }
}

@Suite("Report pieces")
struct ReportPieceTests {
    @Test func integerHistogramHasOneBinPerValue() {
        let histogram = Histogram([10, 7, 9, 2], including: [5])
        #expect(histogram.integerBins)
        #expect(histogram.lower == 2 && histogram.upper == 11)
        #expect(histogram.counts == [1, 0, 0, 0, 0, 1, 0, 1, 1])
    }

    @Test func realHistogramSplitsTheRangeEvenly() {
        let histogram = Histogram([0, 1, 0.5, 0.26])
        #expect(!histogram.integerBins)
        #expect(histogram.counts.count == Histogram.maxBins)
        var expected = [Int64](repeating: 0, count: Histogram.maxBins)
        expected[0] = 1; expected[6] = 1; expected[12] = 1; expected[23] = 1
        #expect(histogram.counts == expected)
    }

    @Test(arguments: [
        ("words", #"{"minWords": 5}"#, ["minWords 5"]),
        ("perplexity", #"{"max_perplexity": 1000, "min_words": 3}"#, ["max_perplexity 1,000"]),
        ("score", #"{"threshold": 0.5}"#, ["threshold 0.5"]),
        ("word", #"{"minWords": 5, "maxWords": 100000}"#, ["minWords 5", "maxWords 100,000"]),
        ("words", #"{"minCharacters": 3}"#, []),
        ("ratio", #"{"maxRatioX": 1}"#, []),
        ("words", #"{"minWords": "5"}"#, []),
    ])
    func thresholdsComeFromObviousConfigKeys(score: String, config: String, expected: [String]) throws {
        let object = try #require(try JSONParser.parse(config).objectValue)
        let found = ScoreThreshold.find(score: score, in: object).map { "\($0.label) \(Format.number($0.value))" }
        #expect(found == expected)
    }

    @Test(arguments: [
        ("<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"),
        ("plain", "plain"),
        ("tab\tnul\u{0}", "tab\tnul\u{FFFD}"),
    ])
    func escaping(input: String, expected: String) {
        #expect(HTMLText.escape(input) == expected)
    }

    @Test(arguments: [
        (Int64(0), "0"), (999, "999"), (1000, "1,000"), (1234567, "1,234,567"), (-1234, "-1,234"),
    ])
    func counts(value: Int64, expected: String) {
        #expect(Format.count(value) == expected)
    }
}
