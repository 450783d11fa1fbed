import Foundation
import Testing
import Winnow
import WinnowIO
import WinnowJSON
import WinnowPipelines

/// Weighted resampling end to end: the writer repeats lines, the Merkle tree and the lineage account for
/// every copy, and `stats.json` has the weight distribution.
@Suite struct ResamplingRunTests {
    static func pipeline(output: String) -> Pipeline {
        Pipeline("resampling") {
            Read.jsonl(Fixtures.sampleData, defaultSource: "sampledata")
            Filter.length(minWords: 5)
            Consensus.resample(scale: 1.5, seed: 11)
            Write.shards(to: output, compression: .gzip, maxShardBytes: 4 << 10)
        }
    }

    @Test func copiesAreWrittenAsLinesAndEachHasAProvenLeaf() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let output = "\(directory.path)/run"
        let stats = try Fixtures.run(Self.pipeline(output: output), workers: 2)
        let documents = try Fixtures.shardDocuments(output)
        let lines = try Fixtures.shardLines(output)

        // Each document's copies are consecutive, identical lines; weight 1 × scale 1.5 gives 1 or 2 copies.
        var distinct: [String] = []
        var position = 0
        var copyCounts: [String: Int64] = [:]
        while position < documents.count {
            let id = try #require(documents[position]["id"]?.stringValue)
            let copies = try #require(documents[position]["attributes"]?["resample"]?["copies"]?.int64Value)
            #expect(copies == 1 || copies == 2, "\(id)")
            for copy in 0..<Int(copies) {
                #expect(lines[position + copy] == lines[position], "copy \(copy) of \(id)")
            }
            distinct.append(id)
            copyCounts[id] = copies
            position += Int(copies)
        }
        #expect(position == documents.count)
        #expect(Set(distinct).count == distinct.count)
        #expect(copyCounts.values.contains(2) && copyCounts.values.contains(1))
        #expect(stats.documentsWritten == Int64(lines.count))
        let weights = try #require(stats.weights)
        #expect(weights.documents == Int64(distinct.count))
        #expect(weights.lines == Int64(lines.count))
        #expect(weights.unweighted == Int64(distinct.count))

        // The run verifies: one Merkle leaf per shard line.
        let report = try RunVerifier(runDirectory: output).verify()
        #expect(report.documents == lines.count)

        // The lineage lists every copy's placement, and each leaf proves against the root.
        let root = try #require(try JSONParser.parse(try FileSystem.readFile("\(output)/manifest.json"))["merkle"]?["documents"]?["root"]?.stringValue.flatMap(Hex.decode))
        let leaves = try FileSystem.readFile("\(output)/lineage/leaves.bin")
        let tree = MerkleTree(leafHashes: stride(from: 0, to: leaves.count, by: 32).map { Array(leaves[$0..<($0 + 32)]) })
        let lookup = try LineageLookup(runDirectory: output)
        var leafIndex = 0
        for id in distinct {
            let record = try #require(try lookup.records(for: id).first)
            #expect(record["status"]?.stringValue == "kept")
            #expect(record["copies"]?.int64Value ?? 1 == copyCounts[id])
            #expect(record["leaf"]?.int64Value == Int64(leafIndex))
            let placements = copyCounts[id] == 1
                ? [JSONValue.object(["shard": record["shard"]!, "line": record["line"]!, "leaf": record["leaf"]!])]
                : try #require(record["placements"]?.arrayValue)
            #expect(placements.count == Int(copyCounts[id]!))
            for placement in placements {
                #expect(placement["leaf"]?.int64Value == Int64(leafIndex))
                let leaf = ProvenanceRecords.documentLeaf(
                    id: id, sha256: record["sha256"]!.stringValue!, source: record["source"]!.stringValue!,
                    weight: record["weight"] ?? .null, shard: placement["shard"]!.stringValue!, line: placement["line"]!.int64Value!)
                #expect(MerkleTree.verify(leafHash: ProvenanceRecords.leafHash(leaf), index: leafIndex, size: lines.count,
                                          proof: tree.inclusionProof(for: leafIndex), root: root))
                leafIndex += 1
            }
        }
        #expect(leafIndex == lines.count)
    }

    @Test func resampledShardsAreTheSameAtAnyWorkerCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var outputs: [[[UInt8]]] = []
        var roots: [String?] = []
        for workers in [1, 3] {
            let output = "\(directory.path)/run-\(workers)"
            _ = try Fixtures.run(Self.pipeline(output: output), workers: workers)
            outputs.append(try Fixtures.shardLines(output))
            roots.append(try JSONParser.parse(try FileSystem.readFile("\(output)/manifest.json"))["merkle"]?["documents"]?["root"]?.stringValue)
        }
        #expect(outputs[0] == outputs[1])
        #expect(roots[0] != nil && roots[0] == roots[1])
    }
}
