import Foundation
import Testing
import WinnowCore

/// `winnow extract` on WARC input, run as a user would.
@Suite(.serialized) struct ExtractCLITests {
    static var sample: String { "\(CLITests.packageRoot)/SampleData/warc/sample.warc.gz" }

    /// The HTTP 200 HTML responses of SampleData's crawl, in file order: record id and URL.
    static let responses: [(id: String, url: String)] = [
        ("urn:uuid:386f3ea5-a7a1-5e54-9a94-d4d9f56c4006", "https://fieldnotebook.example/rivers/why-rivers-meander"),
        ("urn:uuid:f82cd17c-05b7-50b0-8efd-4a2de3dbe07f", "https://cuisine-de-saison.example/plats/gratin-dauphinois"),
        ("urn:uuid:b2d622d5-4c40-5ff7-9c2a-aeef0bf42ae4", "https://gorod-novosti.example/news/2023/10/most"),
        ("urn:uuid:2561ec17-8edd-57e6-8a50-d16766aa8be9", "https://tabi-no-kiroku.example/kyoto/koyo"),
        ("urn:uuid:1acfb85b-9ee8-52ad-afb4-9267bcf8e2f8", "https://handbuch.example/logging.html"),
        ("urn:uuid:27f7f2f7-fdf2-53d6-bdc2-453c21c1c599", "https://homebaking.example/bread/sourdough/starter-smell"),
        ("urn:uuid:6835445f-7190-5def-8647-bc4d189009c4", "https://outdoorgear.example/hiking-boots"),
        ("urn:uuid:e0f515eb-10b8-5d10-be10-1b65ab181ba6", "https://enciclopedia.example/wiki/Colibri"),
    ]

    static func name(_ id: String) -> String { StableHash.hex(StableHash.xxh3(id)) + ".txt" }

    @Test func eachHTMLResponseBecomesOneFileNamedByItsRecordID() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLITests.winnow(["extract", Self.sample, "--to", "\(directory)/out"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/out").sorted()
        #expect(names == (Self.responses.map { Self.name($0.id) } + ["warc-records.tsv"]).sorted())
        #expect(result.stderr.contains(
            "extracted 8 records from 1 WARC file to \(directory)/out; skipped: non_200_status 2, non_html 2, "
                + "record_type_metadata 1, record_type_request 8, record_type_warcinfo 1; bad records: 0"))
        // The Russian page declares windows-1251 only in its HTTP header.
        let russian = try String(contentsOfFile: "\(directory)/out/\(Self.name(Self.responses[2].id))", encoding: .utf8)
        #expect(russian.hasPrefix("В Новосибирске открылся новый мост через Обь\n"))
        let index = try String(contentsOfFile: "\(directory)/out/warc-records.tsv", encoding: .utf8)
        let rows = index.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["name", "record_id", "url", "file", "byte_offset"])
        #expect(rows.dropFirst().map { [$0[0], $0[1], $0[2], $0[3]] } == Self.responses.map { [Self.name($0.id), $0.id, $0.url, Self.sample] })
        // Run twice: the same names and bytes.
        let again = try CLITests.winnow(["extract", Self.sample, "--to", "\(directory)/again"])
        #expect(again.status == 0)
        for name in names {
            #expect(FileManager.default.contents(atPath: "\(directory)/out/\(name)") == FileManager.default.contents(atPath: "\(directory)/again/\(name)"))
        }
    }

    @Test func wetRecordsAreWrittenAsTheyAre() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let wet = "\(CLITests.packageRoot)/SampleData/warc/sample.warc.wet.gz"
        let result = try CLITests.winnow(["extract", wet, "--to", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("extracted 3 records from 1 WARC file"))
        #expect(result.stderr.contains("bad records: 0"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 4)
    }

    @Test func aTruncatedCrawlKeepsEarlierRecordsAndReportsTheRest() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let whole = try #require(FileManager.default.contents(atPath: Self.sample))
        let truncated = "\(directory)/truncated.warc.gz"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        let result = try CLITests.winnow(["extract", truncated, "--to", "\(directory)/out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("winnow: bad record: \(truncated)"))
        #expect(result.stderr.contains("bad records: 1"))
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/out")
        let written = Self.responses.map { Self.name($0.id) }.filter(names.contains)
        #expect(!written.isEmpty && written.count < Self.responses.count)
        #expect(written == Array(Self.responses.map { Self.name($0.id) }.prefix(written.count)))
        let failFast = try CLITests.winnow(["extract", truncated, "--to", "\(directory)/stop", "--fail-fast"])
        #expect(failFast.status == 65)
    }
}
