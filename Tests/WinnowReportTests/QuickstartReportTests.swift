import Foundation
import Logging
import Testing
import Winnow
import WinnowIO
import WinnowPipelines
@testable import WinnowReport

/// The report of a real run: the quickstart pipeline run in-process on SampleData.
@Suite("Run report of the quickstart")
struct QuickstartReportTests {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func runQuickstart(_ label: String = #function) throws -> (directory: String, stats: RunStats) {
        let directory = "\(FileManager.default.temporaryDirectory.path)/winnow-report-\(label.filter { $0.isLetter })-\(UUID().uuidString.prefix(8))"
        var logger = Logger(label: "winnow.tests")
        logger.logLevel = .critical
        let pipeline = try Pipelines.quickstart.overriding(inputs: ["\(packageRoot)/SampleData/jsonl"], output: directory)
        let stats = try LocalExecutor(workers: 2, launcher: .threads, registry: Pipelines.registry, logger: logger).run(pipeline)
        return (directory, stats)
    }

    @Test func reportAgreesWithTheRunAndItsManifest() throws {
        let (directory, stats) = try Self.runQuickstart()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = try RunData.load(runDirectory: directory)
        #expect(data.pipeline == "quickstart")
        #expect(data.fingerprint == stats.fingerprint)
        #expect(data.documentsRead == stats.documentsRead)
        #expect(data.documentsWritten == stats.documentsWritten)
        #expect(data.stages.map(\.label) == stats.stages.map(\.label))
        #expect(data.stages.map(\.dropped) == stats.stages.map(\.dropped))
        // One lineage record per document read, every one accounted for by status and by source.
        #expect(data.lineage.problems == 0)
        #expect(data.lineage.statuses["kept"] == stats.documentsWritten)
        #expect(data.lineage.records == data.lineage.sources.values.reduce(0) { $0 + $1.total })
        // Exact dedup marks each kept representative with its copies: removed copies = dedup drops.
        let removed = data.lineage.clusterSizes.reduce(Int64(0)) { $0 + $1.value * ($1.key - 1) }
        #expect(removed == stats.stages.first { $0.label == "dedup.exact" }?.dropped)
        guard case .verified(_, let documents, nil) = data.verification else {
            Issue.record("the manifest of a fresh run must verify: \(data.verification)")
            return
        }
        #expect(Int64(documents) == stats.documentsWritten)

        let html = try String(contentsOfFile: try RunReport.write(runDirectory: directory), encoding: .utf8)
        #expect(html.contains("<span class=\"ok\">Verified</span>"))
        #expect(html.contains("minWords = 5"))
        // Writing report.html into the run leaves the manifest verifying.
        #expect(throws: Never.self) { try RunVerifier(runDirectory: directory).verify() }
    }

    @Test func aTamperedShardShowsAsFailed() throws {
        let (directory, _) = try Self.runQuickstart()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let shard = "\(directory)/shards/shard-00000.jsonl.gz"
        var bytes = try FileSystem.readFile(shard)
        bytes[bytes.count / 2] ^= 0xFF
        try FileSystem.writeFileAtomically(shard, bytes)
        let html = try RunReport(runDirectory: directory).html()
        #expect(html.contains("<span class=\"bad\">Verification failed</span>"))
        #expect(html.contains("SHA-256 differs from the manifest"))
        #expect(try RunReport(runDirectory: directory).statsText().contains("manifest           FAILED: "))
    }
}
