import Foundation
import Testing
import Winnow
import WinnowIO
import WinnowJSON

@Suite struct QuickstartRunTests {
    /// The ids the quickstart must keep, computed independently of Winnow's stages: Foundation's JSON
    /// parser, a word count, and "first of each case- and space-insensitive text wins" in file order.
    static func expectedIDs() throws -> (kept: [String], short: Set<String>, duplicates: Set<String>) {
        var kept: [String] = []
        var short: Set<String> = []
        var duplicates: Set<String> = []
        var seen: Set<String> = []
        for name in try FileSystem.contentsOfDirectory(Fixtures.sampleData) {
            let reader = LineReader(source: try InputFile.open("\(Fixtures.sampleData)/\(name)"), path: name)
            try reader.forEachLine({ line in
                let object = try JSONSerialization.jsonObject(with: Data(line.bytes)) as! [String: Any]
                let id = object["id"] as! String
                let text = object["text"] as! String
                let words = text.split(whereSeparator: { $0.isWhitespace })
                if words.count < 5 {
                    short.insert(id)
                    return
                }
                let key = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                if seen.insert(key).inserted {
                    kept.append(id)
                } else {
                    duplicates.insert(id)
                }
            }, oversized: { _ in })
        }
        return (kept, short, duplicates)
    }

    @Test func quickstartKeepsExactlyTheExpectedDocumentsInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let output = "\(directory.path)/run"
        let stats = try Fixtures.run(try Fixtures.quickstart(output: output))
        let expected = try Self.expectedIDs()

        let documents = try Fixtures.shardDocuments(output)
        #expect(documents.map { $0["id"]?.stringValue ?? "" } == expected.kept)
        #expect(expected.kept.count == 240 && expected.short.count == 4 && expected.duplicates.count == 12)
        for document in documents {
            #expect(document.keys.starts(with: ["id", "text", "source", "added", "created", "metadata"]))
            #expect(document["text"]?.stringValue?.isEmpty == false)
            #expect(document["metadata"]?["winnow_origin"]?["path"]?.stringValue?.hasPrefix(Fixtures.sampleData) == true)
        }
        #expect(stats.documentsRead == 256)
        #expect(stats.rejectCount == 0)
        #expect(stats.documentsWritten == 240)
        // With --input pointing at the JSON Lines folder, the other readers get nothing.
        #expect(stats.stages.map(\.label) == ["read.jsonl", "read.warc", "read.html", "read.code", "extract.html", "filter.length", "dedup.exact", "write.shards"])
        #expect(stats.stages.map(\.kept) == [256, 0, 0, 0, 256, 252, 240, 240])
        #expect(stats.stages[5].reasons == ["too_few_words": 4])
        #expect(stats.stages[6].reasons == ["duplicate": 12])
        #expect(stats.shards == (try FileSystem.contentsOfDirectory("\(output)/shards")).count)
        #expect(stats.shards > 1, "the 64 KiB quickstart limit must rotate shards")

        // Each dropped document is in the lineage with its stage and reason.
        var dropped: [String: String] = [:]
        for name in try FileSystem.contentsOfDirectory("\(output)/lineage") where name.hasPrefix("unit-") {
            let reader = LineReader(source: try InputFile.open("\(output)/lineage/\(name)"), path: name)
            try reader.forEachLine({ line in
                let record = try JSONParser.parse(line.bytes)
                if record["status"]?.stringValue == "dropped" {
                    dropped[record["id"]!.stringValue!] = record["reason"]!.stringValue!
                }
            }, oversized: { _ in })
        }
        #expect(Set(dropped.keys) == expected.short.union(expected.duplicates))
        #expect(Set(dropped.filter { $0.value == "duplicate" }.keys) == expected.duplicates)
    }

    @Test func shardsAreByteIdenticalAtAnyWorkerCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var results: [[String: [UInt8]]] = []
        for workers in [1, 2, 3, 5] {
            let output = "\(directory.path)/w\(workers)"
            _ = try Fixtures.run(try Fixtures.quickstart(output: output), workers: workers)
            results.append(try Fixtures.shardBytes(output))
        }
        #expect(results[0].count > 1)
        for result in results.dropFirst() {
            #expect(result == results[0])
        }
    }

    @Test func rerunResumesAndSkipsCompletedWork() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let output = "\(directory.path)/run"
        let pipeline = try Fixtures.quickstart(output: output)
        _ = try Fixtures.run(pipeline)
        let first = try Fixtures.shardBytes(output)

        // Lose the second half of the run: markers of the last three phases and every shard.
        for phase in ["segment-1", "shards-layout", "shards-write"] {
            try FileSystem.removeItem("\(output)/work/markers/\(phase)", recursive: true)
        }
        try FileSystem.removeItem("\(output)/shards", recursive: true)
        let segment0Marker = "\(output)/work/markers/segment-0/rank-00000-of-00002.done"
        let before = try FileManager.default.attributesOfItem(atPath: segment0Marker)[.modificationDate] as! Date

        _ = try Fixtures.run(pipeline)
        #expect(try Fixtures.shardBytes(output) == first)
        let after = try FileManager.default.attributesOfItem(atPath: segment0Marker)[.modificationDate] as! Date
        #expect(before == after, "segment-0 was complete and must not run again")

        // A complete run reruns as a no-op with the same result.
        let stats = try Fixtures.run(pipeline)
        #expect(stats.documentsWritten == 240)
        #expect(try Fixtures.shardBytes(output) == first)
    }

    @Test func aDifferentPlanCannotReuseAnOutputDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let output = "\(directory.path)/run"
        _ = try Fixtures.run(try Fixtures.quickstart(output: output))
        var other = try Fixtures.quickstart(output: output)
        let filter = try #require(other.stages.firstIndex { $0.label == "filter.length" })
        other.stages[filter] = LengthFilter(minWords: 50)
        do {
            _ = try Fixtures.run(other)
            Issue.record("a different plan ran in the same output directory")
        } catch let error as WinnowError {
            #expect(error.code == .invalidPlan)
            #expect(error.message.contains("different plan"))
        }
    }

    @Test func aPatternThatMatchesNothingIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        do {
            _ = try Fixtures.run(try Fixtures.quickstart(inputs: ["\(directory.path)/nothing-*.jsonl"], output: "\(directory.path)/run"))
            Issue.record("ran without inputs")
        } catch let error as WinnowError {
            #expect(error.code == .noInput)
            #expect(error.message.contains("nothing-*.jsonl"))
        }
    }
}
