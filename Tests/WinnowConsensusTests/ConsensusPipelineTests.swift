import Foundation
import Logging
import Testing
import Winnow
import WinnowJSON

/// A whole run: JSON Lines -> exact dedup -> consensus (weights) -> ledger -> shards, with in-process tasks.
@Suite struct ConsensusPipelineTests {
    static let logger: Logger = {
        var logger = Logger(label: "winnow.tests.consensus")
        logger.logLevel = .critical
        return logger
    }()

    static func setUp() throws -> (directory: String, pipeline: Pipeline) {
        let directory = try ConsensusFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(directory)/in", withIntermediateDirectories: true)
        try ConsensusFixtures.write("\(directory)/in/a.jsonl", """
            {"id": "d1", "text": "alpha one", "source": "web", "contributor": "alice"}
            {"id": "d2", "text": "beta two", "source": "web", "contributor": "alice"}
            {"id": "d3", "text": "Alpha  one", "source": "web", "contributor": "bob"}

            """)
        try ConsensusFixtures.write("\(directory)/in/b.jsonl", """
            {"id": "d4", "text": "gamma three", "source": "crawl"}
            {"id": "d5", "text": "delta four", "source": "web", "contributor": "carol"}

            """)
        try ConsensusFixtures.write("\(directory)/labels.csv", """
            item,labeler,label
            d1,w1,good
            d1,w2,good
            d1,w3,bad
            d2,w1,bad
            d2,w2,bad
            d2,w3,bad
            d4,w1,good
            d4,w2,good
            zz,w1,good
            d1,w9,maybe

            """)
        var options = ConsensusOptions(method: .majorityVote)
        options.flagZ = 0
        let pipeline = Pipeline(name: "consensus-test", description: "", options: PipelineOptions(), stageList: [
            Read.jsonl("\(directory)/in", defaultSource: "test"),
            Dedup.exact(partitions: 3),
            Consensus.labels("\(directory)/labels.csv", classes: ["bad", "good"], method: .majorityVote, options: options,
                             weight: Consensus.weight(quality: ["quality", "score"], good: ["good"])),
            Consensus.ledger(labelerPool: 1_000_000, contributorPool: 2_000_000),
            Write.shards(to: "\(directory)/out", compression: .none),
        ])
        return (directory, pipeline)
    }

    static func shardDocuments(_ directory: String) throws -> [JSONObject] {
        let shards = "\(directory)/out/shards"
        var documents: [JSONObject] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: shards).sorted() {
            let text = try String(contentsOfFile: "\(shards)/\(name)", encoding: .utf8)
            for line in text.split(separator: "\n") { documents.append(try JSONParser.parse(String(line)).objectValue!) }
        }
        return documents
    }

    @Test(arguments: [1, 3])
    func weightsConsensusAndLedger(workers: Int) throws {
        let (directory, pipeline) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try LocalExecutor(workers: workers, launcher: .threads, registry: StageRegistry.builtIn, logger: Self.logger).run(pipeline)

        let documents = try Self.shardDocuments(directory)
        #expect(documents.map { $0["id"]!.stringValue! } == ["d1", "d2", "d4", "d5"])
        #expect(documents.map { $0["weight"]!.doubleValue! } == [2.0 / 3.0, 0, 1, 1])
        let d1 = documents[0]["attributes"]!["consensus"]!
        #expect(d1["label"] == .string("good"))
        #expect(d1["labels"]!.int64Value == 3)
        #expect(d1["posterior"]!["bad"]!.doubleValue == 1.0 / 3.0)
        #expect(documents[3]["attributes"]!["consensus"] == .object(["labels": .number(JSONNumber(0))]))

        let ledger = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/ledger.json")))).objectValue!
        let contributors = ledger["contributors"]!.arrayValue!
        #expect(contributors.map { $0["id"]!.stringValue! } == ["alice", "carol", "crawl"])  // bob's copy was dropped
        #expect(contributors.map { $0["amount"]!.int64Value! } == [500_000, 750_000, 750_000])
        #expect(contributors[0]["duplicatesAbsorbed"]!.int64Value == 1)
        let labelers = ledger["labelers"]!.arrayValue!
        #expect(labelers.map { $0["id"]!.stringValue! } == ["w1", "w2", "w3"])
        #expect(labelers.map { $0["amount"]!.int64Value! } == [450_000, 450_000, 100_000])
        let csv = try String(contentsOfFile: "\(directory)/out/ledger.csv", encoding: .utf8)
        #expect(csv.hasPrefix("kind,id,amount_micro,basis\nlabeler,w1,450000,"))

        let stage = "\(directory)/out/work/stages/consensus"
        let problems = try String(contentsOfFile: "\(stage)/label-problems.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(problems.map { try! JSONParser.parse(String($0))["code"]!.stringValue! } == ["unknown-item", "unknown-class"])
        #expect(problems.map { try! JSONParser.parse(String($0))["line"]!.int64Value! } == [10, 11])
        let summary = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(stage)/summary.json")))).objectValue!
        #expect(summary["labelsAccepted"]!.int64Value == 8)
        #expect(summary["labeledDocuments"]!.int64Value == 3 && summary["documents"]!.int64Value == 4)
        #expect(summary["weights"]!["sum"]!.doubleValue == 2.0 / 3.0 + 2)
    }

    @Test func theOutputIsIdenticalAtAnyWorkerCount() throws {
        var outputs: [[UInt8]] = []
        for workers in [1, 2] {
            let (directory, pipeline) = try Self.setUp()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try LocalExecutor(workers: workers, launcher: .threads, registry: StageRegistry.builtIn, logger: Self.logger).run(pipeline)
            var bytes: [UInt8] = []
            for name in ["out/ledger.json", "out/ledger.csv", "out/work/stages/consensus/items.csv", "out/work/stages/consensus/labelers.csv"] {
                bytes += Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")))
            }
            outputs.append(bytes)
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func theLabelFilesAreRecordedAndAChangedOneBlocksAResume() throws {
        let (directory, pipeline) = try Self.setUp()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let executor = LocalExecutor(workers: 2, launcher: .threads, registry: StageRegistry.builtIn, logger: Self.logger)
        let stats = try executor.run(pipeline)
        // The weight distribution of the written documents is in stats.json: weights 2/3, 0, 1, 1.
        let weights = try #require(stats.weights)
        #expect(weights.documents == 4 && weights.lines == 4 && weights.unweighted == 0)
        #expect(weights.sum == 2.0 / 3.0 + 2 && weights.min == 0 && weights.max == 1)
        #expect(weights.histogram[0] == 1 && weights.histogram[13] == 1 && weights.histogram[19] == 2)
        let written = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/stats.json"))))
        #expect(written["weights"]?["documents"]?.int64Value == 4)

        // config-files.json names the labels file with its digest, and the manifest covers it.
        let labels = "\(directory)/labels.csv"
        let recorded = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/config-files.json"))))
        let file = try #require(recorded["files"]?.arrayValue?.first)
        #expect(file["stage"]?.stringValue == "consensus" && file["path"]?.stringValue == labels)
        #expect(file["sha256"]?.stringValue == StableHash.sha256Hex(Array(try Data(contentsOf: URL(fileURLWithPath: labels)))))
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/manifest.json"))))
        #expect(manifest["outputs"]?.arrayValue?.contains { $0["path"]?.stringValue == "config-files.json" } == true)
        _ = try RunVerifier(runDirectory: "\(directory)/out").verify()

        // The same labels resume; changed labels are refused, naming the file.
        _ = try executor.run(pipeline)
        try ConsensusFixtures.write(labels, "item,labeler,label\nd1,w1,bad\n")
        do {
            _ = try executor.run(pipeline)
            Issue.record("a run resumed with a changed labels file")
        } catch let error as WinnowError {
            #expect(error.code == .invalidPlan)
            #expect(error.description.contains("configuration files changed") && error.description.contains("labels.csv"))
        }
    }
}
