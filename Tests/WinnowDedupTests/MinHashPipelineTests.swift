import Foundation
import Logging
import Testing
import WinnowCore
import WinnowDedup
import WinnowExecution
import WinnowIngest
import WinnowIO
import WinnowJSON
import WinnowShards

/// Documents with known near-duplicate structure, made from a seeded word stream.
enum NearDuplicateCorpus {
    static func words(seed: UInt64, count: Int) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in "word\(next() % 5000)" }
    }

    /// `base` with one word replaced every `every` words (J ≈ 1 − 10/every for 5-grams when sparse).
    static func edit(_ base: [String], every: Int, tag: String) -> [String] {
        var copy = base
        for position in stride(from: every / 2, to: copy.count, by: every) { copy[position] = "\(tag)\(position)" }
        return copy
    }

    static func line(_ id: String, _ words: [String], score: Double? = nil) -> String {
        let text = words.joined(separator: " ")
        if let score { return "{\"id\": \"\(id)\", \"text\": \"\(text)\", \"quality\": \(score)}" }
        return "{\"id\": \"\(id)\", \"text\": \"\(text)\"}"
    }
}

struct MinHashRun {
    let directory: String

    static let logger: Logger = {
        var logger = Logger(label: "winnow.tests.minhash")
        logger.logLevel = .critical
        return logger
    }()

    static func temporary(_ name: String = #function) throws -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = "\(FileManager.default.temporaryDirectory.path)/winnow-minhash-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ path: String, lines: [String]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    @discardableResult
    static func run(inputs: [String], output: String, stage: MinHashDedup, workers: Int) throws -> RunStats {
        let pipeline = Pipeline(
            name: "minhash-test", description: "", options: PipelineOptions(),
            stageList: [JSONLReader(inputs), stage, ShardWriter(to: output, compression: .gzip, maxShardBytes: 4096)])
        return try LocalExecutor(workers: workers, launcher: .threads, registry: .builtIn, logger: logger).run(pipeline)
    }

    static func lines(_ path: String) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        let reader = LineReader(source: try InputFile.open(path), path: path)
        try reader.forEachLine({ lines.append(Array($0.bytes)) }, oversized: { _ in })
        return lines
    }

    static func shardDocuments(_ output: String) throws -> [JSONObject] {
        try FileSystem.contentsOfDirectory("\(output)/shards").flatMap { try lines("\(output)/shards/\($0)") }
            .map { try JSONParser.parse($0).objectValue! }
    }

    static func shardBytes(_ output: String) throws -> [UInt8] {
        try FileSystem.contentsOfDirectory("\(output)/shards").flatMap { try FileSystem.readFile("\(output)/shards/\($0)") }
    }

    /// The drop records of the apply segment (segment 1), input by input.
    static func dropped(_ output: String, inputs: Int) throws -> [JSONObject] {
        let layout = RunLayout(root: output)
        var records: [JSONObject] = []
        for unit in 0..<inputs {
            let path = layout.droppedFile(segment: 1, unit: unit)
            guard try FileSystem.fileExists(path) else { continue }
            records += try lines(path).map { try JSONParser.parse($0).objectValue! }
        }
        return records
    }

    static func clusters(_ output: String, stage: MinHashDedup) throws -> [JSONObject] {
        try lines(stage.clustersFile(runDirectory: output)).map { try JSONParser.parse($0).objectValue! }
    }
}

@Suite struct MinHashPipelineTests {
    /// Three inputs: an original and two near copies (one in another file), an unrelated document, a copy
    /// too far edited to count, and an exact copy in the last file.
    static func corpus(in directory: String) throws -> [String] {
        let a = NearDuplicateCorpus.words(seed: 1, count: 600)
        let b = NearDuplicateCorpus.words(seed: 2, count: 600)
        let c = NearDuplicateCorpus.words(seed: 3, count: 300)
        let files = ["\(directory)/in/part-0.jsonl", "\(directory)/in/part-1.jsonl", "\(directory)/in/part-2.jsonl"]
        try MinHashRun.write(files[0], lines: [
            NearDuplicateCorpus.line("a", a),
            NearDuplicateCorpus.line("b", b),
            NearDuplicateCorpus.line("a-near", NearDuplicateCorpus.edit(a, every: 200, tag: "x")),
        ])
        try MinHashRun.write(files[1], lines: [
            NearDuplicateCorpus.line("c", c),
            NearDuplicateCorpus.line("a-far", NearDuplicateCorpus.edit(a, every: 6, tag: "y")),
            NearDuplicateCorpus.line("b-near", NearDuplicateCorpus.edit(b, every: 150, tag: "z")),
            "{\"id\": \"empty\", \"text\": \"... !!!\"}",
        ])
        try MinHashRun.write(files[2], lines: [
            NearDuplicateCorpus.line("a-copy", a),
            NearDuplicateCorpus.line("c-short", Array(c.prefix(3))),
        ])
        return files
    }

    @Test func nearDuplicatesAreFoundAndDissimilarDocumentsKept() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputs = try Self.corpus(in: directory)
        let output = "\(directory)/out"
        let stage = MinHashDedup()
        let stats = try MinHashRun.run(inputs: inputs, output: output, stage: stage, workers: 2)

        let kept = try MinHashRun.shardDocuments(output)
        #expect(kept.map { $0["id"]?.stringValue ?? "?" } == ["a", "b", "c", "a-far", "empty", "c-short"])
        let counters = try #require(stats.stages.first { $0.label == "dedup.minhash" })
        #expect(counters.dropped == 3)
        #expect(counters.reasons == ["near_duplicate": 3])

        let clusterA = StableHash.hex(StableHash.xxh3("a"))
        let clusterB = StableHash.hex(StableHash.xxh3("b"))
        #expect(kept[0]["attributes"]?["dedup.minhash"] == .object(["cluster": .string(clusterA), "cluster_size": .number(JSONNumber(3))]))
        #expect(kept[1]["attributes"]?["dedup.minhash"] == .object(["cluster": .string(clusterB), "cluster_size": .number(JSONNumber(2))]))
        #expect(kept[2]["attributes"] == nil)

        let dropped = try MinHashRun.dropped(output, inputs: 3)
        #expect(dropped.map { $0["id"]?.stringValue ?? "?" }.sorted() == ["a-copy", "a-near", "b-near"])
        for record in dropped {
            #expect(record["reason"]?.stringValue == "near_duplicate")
            let detail = record["detail"]?.stringValue ?? ""
            let id = record["id"]?.stringValue ?? ""
            let keptID = id.hasPrefix("a") ? "a" : "b"
            #expect(detail.hasPrefix("near duplicate of \(keptID) (exact Jaccard "))
            #expect(detail.hasSuffix(", cluster \(StableHash.hex(StableHash.xxh3(keptID))))"))
        }
        #expect(dropped.first { $0["id"]?.stringValue == "a-copy" }?["detail"]?.stringValue
            == "near duplicate of a (exact Jaccard 1.000, cluster \(clusterA))")

        let clusters = try MinHashRun.clusters(output, stage: stage)
        let rendered = clusters.map { JSONValue.object($0).serialized(sortKeys: false) }.map { String(decoding: $0, as: UTF8.self) }
        #expect(rendered == [
            "{\"id\":\"a\",\"cluster\":\"\(clusterA)\",\"kept\":true}",
            "{\"id\":\"b\",\"cluster\":\"\(clusterB)\",\"kept\":true}",
            "{\"id\":\"a-near\",\"cluster\":\"\(clusterA)\",\"kept\":false}",
            "{\"id\":\"b-near\",\"cluster\":\"\(clusterB)\",\"kept\":false}",
            "{\"id\":\"a-copy\",\"cluster\":\"\(clusterA)\",\"kept\":false}",
        ].sorted { lhs, rhs in
            // clusters in the order of their earliest member, members in document order
            let order = ["a": 0, "a-near": 1, "a-copy": 2, "b": 3, "b-near": 4]
            func key(_ line: String) -> Int { order[String(line.split(separator: "\"")[3])]! }
            return key(lhs) < key(rhs)
        })
        let pairs = try MinHashRun.lines(stage.pairsFile(runDirectory: output)).map { try JSONParser.parse($0).objectValue! }
        #expect(pairs.map { [$0["a"]?.stringValue ?? "?", $0["b"]?.stringValue ?? "?"] } == [
            ["a", "a-copy"], ["a", "a-near"], ["a-copy", "a-near"], ["b", "b-near"],
        ])
        #expect(pairs[0]["jaccard"]?.doubleValue == 1)
        #expect(pairs.allSatisfy { ($0["jaccard"]?.doubleValue ?? 0) >= 0.8 })
        let summary = try stage.summary(runDirectory: output)
        #expect(summary.candidatePairs == 4)
        #expect(summary.verifiedPairs == 4)
        #expect(summary.clusters == 2)
        #expect(summary.documentsInClusters == 5)
        #expect(summary.dropped == 3)
        // 4 pairs verified, plus the lineage of the 3 dropped documents against their survivors.
        #expect(summary.exactComparisons == 7)
    }

    @Test func withoutVerificationTheRawCandidatesCluster() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputs = try Self.corpus(in: directory)
        let stage = MinHashDedup(verification: .none)
        try MinHashRun.run(inputs: inputs, output: "\(directory)/out", stage: stage, workers: 1)
        let summary = try stage.summary(runDirectory: "\(directory)/out")
        #expect(summary.verifiedPairs == summary.candidatePairs)
        #expect(summary.dropped >= 3)
    }

    @Test func survivorsAndBytesDoNotDependOnTheWorkerCount() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputs = try Self.corpus(in: directory)
        var shards: [[UInt8]] = []
        var clusters: [[UInt8]] = []
        for workers in [1, 2, 3] {
            // A small spill size forces several sorted runs per input and band.
            let stage = MinHashDedup(spillEntries: 1024)
            let output = "\(directory)/out-\(workers)"
            try MinHashRun.run(inputs: inputs, output: output, stage: stage, workers: workers)
            shards.append(try MinHashRun.shardBytes(output))
            clusters.append(try FileSystem.readFile(stage.clustersFile(runDirectory: output)))
        }
        #expect(shards[0] == shards[1] && shards[1] == shards[2])
        #expect(clusters[0] == clusters[1] && clusters[1] == clusters[2])
        #expect(!clusters[0].isEmpty)
    }

    @Test func theHighestScoreSurvivesWhenConfigured() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let a = NearDuplicateCorpus.words(seed: 11, count: 400)
        let input = "\(directory)/in.jsonl"
        try MinHashRun.write(input, lines: [
            NearDuplicateCorpus.line("low", a, score: 0.2),
            NearDuplicateCorpus.line("high", NearDuplicateCorpus.edit(a, every: 200, tag: "q"), score: 0.9),
            NearDuplicateCorpus.line("high-too", NearDuplicateCorpus.edit(a, every: 190, tag: "r"), score: 0.9),
        ])
        let output = "\(directory)/out"
        try MinHashRun.run(inputs: [input], output: output, stage: MinHashDedup(scoreAttribute: "quality"), workers: 2)
        #expect(try MinHashRun.shardDocuments(output).map { $0["id"]?.stringValue ?? "?" } == ["high"])
    }

    @Test func incrementalRunsDeduplicateAgainstAGrowingIndex() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = "\(directory)/index"
        let stage = MinHashDedup(index: index)
        let a = NearDuplicateCorpus.words(seed: 21, count: 500)
        let b = NearDuplicateCorpus.words(seed: 22, count: 500)
        let c = NearDuplicateCorpus.words(seed: 23, count: 500)
        let d = NearDuplicateCorpus.words(seed: 24, count: 500)

        // Batch 1: a, its near copy (dropped), b.
        let first = "\(directory)/batch-1.jsonl"
        try MinHashRun.write(first, lines: [
            NearDuplicateCorpus.line("a", a), NearDuplicateCorpus.line("a-1", NearDuplicateCorpus.edit(a, every: 250, tag: "s")),
            NearDuplicateCorpus.line("b", b),
        ])
        try MinHashRun.run(inputs: [first], output: "\(directory)/run-1", stage: stage, workers: 2)
        #expect(try MinHashRun.shardDocuments("\(directory)/run-1").map { $0["id"]!.stringValue! } == ["a", "b"])

        // Batch 2: a near copy of b (dropped against the index), c and its copy, d.
        let second = "\(directory)/batch-2.jsonl"
        try MinHashRun.write(second, lines: [
            NearDuplicateCorpus.line("b-2", NearDuplicateCorpus.edit(b, every: 240, tag: "t")),
            NearDuplicateCorpus.line("c", c), NearDuplicateCorpus.line("c-2", NearDuplicateCorpus.edit(c, every: 220, tag: "u")),
            NearDuplicateCorpus.line("d", d),
        ])
        try MinHashRun.run(inputs: [second], output: "\(directory)/run-2", stage: stage, workers: 1)
        #expect(try MinHashRun.shardDocuments("\(directory)/run-2").map { $0["id"]!.stringValue! } == ["c", "d"])
        let dropped = try MinHashRun.dropped("\(directory)/run-2", inputs: 1)
        let b2 = try #require(dropped.first { $0["id"]?.stringValue == "b-2" })
        #expect(b2["detail"]?.stringValue?.hasPrefix("near duplicate of b (exact Jaccard ") == true)
        // The index batch carries its documents' shingles, so the comparison with b was exact.
        #expect(try FileSystem.fileExists("\(index)/batch-000000/shingles.bin"))
        #expect(try stage.summary(runDirectory: "\(directory)/run-2").exactComparisons >= 2)
        let clusters = try MinHashRun.clusters("\(directory)/run-2", stage: stage)
        let clusterB = StableHash.hex(StableHash.xxh3("b"))
        #expect(clusters.first == ["id": .string("b"), "cluster": .string(clusterB), "kept": .bool(true), "index": .bool(true)])

        // Batch 3 meets documents of both earlier batches; nothing of batch 1 or 2 is recomputed.
        let third = "\(directory)/batch-3.jsonl"
        try MinHashRun.write(third, lines: [
            NearDuplicateCorpus.line("a-3", NearDuplicateCorpus.edit(a, every: 230, tag: "v")),
            NearDuplicateCorpus.line("d-3", d),
            NearDuplicateCorpus.line("e", NearDuplicateCorpus.words(seed: 25, count: 500)),
        ])
        try MinHashRun.run(inputs: [third], output: "\(directory)/run-3", stage: stage, workers: 3)
        #expect(try MinHashRun.shardDocuments("\(directory)/run-3").map { $0["id"]!.stringValue! } == ["e"])
        #expect(try stage.summary(runDirectory: "\(directory)/run-3").indexBatches == 2)

        let manifest = try JSONParser.parse(try FileSystem.readFile("\(index)/index.json")).objectValue!
        let batches = manifest["batches"]?.arrayValue ?? []
        #expect(batches.map { $0["documents"]?.int64Value ?? -1 } == [2, 2, 1])
        #expect(batches.map { $0["name"]?.stringValue ?? "" } == ["batch-000000", "batch-000001", "batch-000002"])

        // An index built with another configuration is refused.
        let other = MinHashDedup(ngram: 4, index: index)
        #expect {
            try MinHashRun.run(inputs: [third], output: "\(directory)/run-4", stage: other, workers: 1)
        } throws: { error in
            (error as? WinnowError)?.code == .invalidPlan
        }
    }
}
