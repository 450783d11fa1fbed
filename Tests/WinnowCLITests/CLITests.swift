import Foundation
import Testing
import WinnowCore
import WinnowIO
import WinnowJSON

/// Runs the built `winnow` executable as a user would.
@Suite(.serialized) struct CLITests {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `winnow` sits next to the test bundle in the build products folder.
    static let executable: String = {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: me).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("winnow").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return "\(packageRoot)/.build/debug/winnow"
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func winnow(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory(_ name: String = #function) throws -> String {
        let path = "\(FileManager.default.temporaryDirectory.path)/winnow-cli-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func shardFiles(_ run: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(run)/shards") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(run)/shards/\(name)"))
        }
        return files
    }

    @Test func listShowsQuickstartFirstOnItsLine() throws {
        let result = try Self.winnow(["list"])
        #expect(result.status == 0)
        let names = result.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
        #expect(names.contains("quickstart"))
    }

    @Test func planPrintsTheFingerprintAndJSON() throws {
        let text = try Self.winnow(["plan", "quickstart"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("fingerprint "))
        let json = try Self.winnow(["plan", "quickstart", "--json"])
        #expect(json.status == 0)
        let value = try JSONParser.parse(json.stdout)
        let fingerprint = try #require(value["fingerprint"]?.stringValue)
        let plan = try Plan(json: try #require(value["plan"]))
        #expect(plan.fingerprint == fingerprint)
        #expect(text.stdout.contains(fingerprint))
        #expect(plan.stages.map(\.identifier.description) == [
            "read.jsonl@1", "read.warc@1", "read.html@1", "read.code@1", "extract.html@1", "filter.length@1", "dedup.exact@1", "write.shards@1",
        ])
    }

    @Test func runWritesGzipShardsIdenticalForOneAndTwoWorkers() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = try Self.winnow(["run", "quickstart", "--output", "\(directory)/w1", "--workers", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        // SampleData: 256 JSON Lines records, 11 crawl documents, 6 HTML files, 9 code files; 4 too short and
        // 18 exact duplicates (12 in the JSON Lines, 6 HTML files that repeat crawled pages).
        #expect(one.stdout.contains("documents read  282"))
        #expect(one.stdout.contains("documents out   260"))
        let two = try Self.winnow(["run", "quickstart", "--output", "\(directory)/w2", "--workers", "2"])
        #expect(two.status == 0, "\(two.stderr)")
        let shards = try Self.shardFiles("\(directory)/w1")
        #expect(shards.count > 1)
        #expect(shards == (try Self.shardFiles("\(directory)/w2")))
        for (name, bytes) in shards {
            #expect(name.hasSuffix(".jsonl.gz"))
            #expect(bytes.prefix(2) == Data([0x1f, 0x8b]))
            let reader = LineReader(source: try InputFile.open("\(directory)/w1/shards/\(name)"), path: name)
            try reader.forEachLine({ line in
                let object = try JSONParser.parse(line.bytes).objectValue
                #expect(object?["id"]?.stringValue != nil)
                #expect(object?["text"]?.stringValue != nil)
                #expect(object?["source"]?.stringValue != nil)
            }, oversized: { _ in Issue.record("oversized shard line") })
        }
        let stats = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/w2/stats.json"))))
        #expect(stats["documentsWritten"]?.int64Value == 260)
    }

    @Test func aCorruptInputIsQuarantinedAndTheRunCompletes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A copy of SampleData with one file truncated halfway through its gzip stream.
        let inputs = "\(directory)/inputs"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        for name in ["docs-a.jsonl", "docs-c.jsonl.zst"] {
            try FileManager.default.copyItem(atPath: "\(Self.packageRoot)/SampleData/jsonl/\(name)", toPath: "\(inputs)/\(name)")
        }
        let gz = try Data(contentsOf: URL(fileURLWithPath: "\(Self.packageRoot)/SampleData/jsonl/docs-b.jsonl.gz"))
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: "\(inputs)/docs-b.jsonl.gz"))

        let result = try Self.winnow(["run", "quickstart", "--input", inputs, "--output", "\(directory)/run", "--workers", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("docs-b.jsonl.gz"))
        #expect(result.stderr.contains("truncated"))
        #expect(result.stdout.contains("rejected        1 (truncated-stream 1)"))
        let rejects = try String(contentsOfFile: "\(directory)/run/rejects/unit-000001.jsonl", encoding: .utf8)
        #expect(rejects.contains(#""code":"truncated-stream""#))
        #expect(try !Self.shardFiles("\(directory)/run").isEmpty)

        // The same input under --fail-fast stops with exit code 65.
        let strict = try Self.winnow(["run", "quickstart", "--input", inputs, "--output", "\(directory)/strict", "--fail-fast", "--workers", "1"])
        #expect(strict.status == 65, "\(strict.stderr)")
        #expect(strict.stderr.contains("--fail-fast"))
    }

    @Test func exitCodesNameTheProblem() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let unknown = try Self.winnow(["run", "no-such-pipeline"])
        #expect(unknown.status == 78)
        #expect(unknown.stderr.contains("no pipeline named 'no-such-pipeline'"))
        let missing = try Self.winnow(["run", "quickstart", "--input", "\(directory)/missing.jsonl", "--output", "\(directory)/run"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("missing.jsonl"))
        let usage = try Self.winnow(["run", "quickstart", "--workers", "0"])
        #expect(usage.status == 64)
    }
}
