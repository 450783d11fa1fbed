import Foundation
import Testing
import Winnow
import WinnowIO
import WinnowJSON
import WinnowPipelines

@Suite struct ProvenanceTests {
    static func signedRun(_ directory: TemporaryDirectory, workers: Int = 2) throws -> String {
        let key = "\(directory.path)/key.json"
        if !(try FileSystem.fileExists(key)) { _ = try SigningKey.generate(writingTo: key) }
        let output = "\(directory.path)/run-\(workers)"
        _ = try LocalExecutor(workers: workers, launcher: .threads, registry: Pipelines.registry, signingKeyPath: key, logger: Fixtures.logger)
            .run(try Fixtures.quickstart(output: output))
        return output
    }

    static func manifest(_ run: String) throws -> JSONValue {
        try JSONParser.parse(try FileSystem.readFile("\(run)/manifest.json"))
    }

    @Test func aSignedRunVerifiesAndItsRootIsTheSameAtAnyWorkerCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let one = try Self.signedRun(directory, workers: 1)
        let three = try Self.signedRun(directory, workers: 3)
        let report = try RunVerifier(runDirectory: one).verify(requireSignature: true)
        #expect(report.documents == 240)
        #expect(report.signedBy != nil)
        let rootOne = try Self.manifest(one)["merkle"]?["documents"]?["root"]?.stringValue
        let rootThree = try Self.manifest(three)["merkle"]?["documents"]?["root"]?.stringValue
        #expect(rootOne != nil && rootOne == rootThree)
        #expect(try Self.manifest(one)["merkle"]?["documents"]?["size"]?.int64Value == 240)
        #expect(try Self.manifest(one)["inputs"]?.arrayValue?.count == 3)
        // Croissant describes every shard with its hash.
        let croissant = try JSONParser.parse(try FileSystem.readFile("\(one)/croissant.json"))
        let objects = croissant["distribution"]?.arrayValue?.filter { $0["@type"]?.stringValue == "cr:FileObject" } ?? []
        #expect(objects.count == (try FileSystem.contentsOfDirectory("\(one)/shards")).count)
        #expect(objects.allSatisfy { $0["sha256"]?.stringValue?.count == 64 })
    }

    /// Flips one byte of `file` (relative to the run), expects verify to fail naming it, then restores it.
    static func expectTamperingDetected(_ run: String, _ file: String, at offset: Int? = nil, message: String) throws {
        let path = "\(run)/\(file)"
        let original = try FileSystem.readFile(path)
        var changed = original
        let position = offset ?? original.count / 2
        changed[position] = changed[position] == 0x41 ? 0x42 : 0x41
        try FileSystem.writeFileAtomically(path, changed)
        defer { try? FileSystem.writeFileAtomically(path, original) }
        do {
            _ = try RunVerifier(runDirectory: run).verify()
            Issue.record("changing \(file) went unnoticed")
        } catch let error as WinnowError {
            #expect(error.code == .verificationFailed)
            #expect(error.description.contains(message), "\(file): \(error)")
        }
    }

    @Test func changingAnySingleByteOfAnyKindOfFileIsDetected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let run = try Self.signedRun(directory)
        let shard = try #require(try FileSystem.contentsOfDirectory("\(run)/shards").first)
        try Self.expectTamperingDetected(run, "shards/\(shard)", message: shard)
        try Self.expectTamperingDetected(run, "lineage/unit-000001.jsonl.zst", message: "unit-000001")
        try Self.expectTamperingDetected(run, "lineage/index.bin", message: "index.bin")
        try Self.expectTamperingDetected(run, "lineage/leaves.bin", message: "leaves.bin")
        try Self.expectTamperingDetected(run, "stats.json", message: "stats.json")
        try Self.expectTamperingDetected(run, "plan.json", message: "plan.json")
        try Self.expectTamperingDetected(run, "croissant.json", message: "croissant.json")
        try Self.expectTamperingDetected(run, "manifest.json", message: "manifest")
        try Self.expectTamperingDetected(run, "manifest.sha256", at: 3, message: "manifest")
        // Everything restored: it verifies again.
        #expect(try RunVerifier(runDirectory: run).verify().documents == 240)
    }

    @Test func aResignedManifestThatChangesContentStillFails() throws {
        // An attacker with their own key re-signs a manifest whose shard hash they changed: the signature is
        // valid but by another key, and the shard no longer matches its recorded root.
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let run = try Self.signedRun(directory)
        let originalKey = try Self.manifest(run)["signature"]?["public_key"]?.stringValue
        let path = "\(run)/shards/shard-00000.jsonl.gz"
        var shard = try FileSystem.readFile(path)
        shard[shard.count / 2] ^= 0xff
        try FileSystem.writeFileAtomically(path, shard)
        guard var manifest = try Self.manifest(run).objectValue, var outputs = manifest["outputs"]?.arrayValue else { return }
        for index in outputs.indices where outputs[index]["path"]?.stringValue == "shards/shard-00000.jsonl.gz" {
            var object = outputs[index].objectValue!
            object["sha256"] = .string(StableHash.sha256Hex(shard))
            outputs[index] = .object(object)
        }
        manifest["outputs"] = .array(outputs)
        let forged = try Manifest.signed(.object(manifest), with: SigningKey())
        try FileSystem.writeFileAtomically("\(run)/manifest.json", forged.prettySerialized())
        try FileSystem.removeItem("\(run)/manifest.sha256")
        #expect(forged["signature"]?["public_key"]?.stringValue != originalKey)
        #expect(throws: WinnowError.self) { try RunVerifier(runDirectory: run).verify() }
    }

    @Test func aManifestNamingPathsOutsideTheRunIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let run = try Self.signedRun(directory)
        for bad in ["../outside.txt", "/etc/hostname"] {
            guard var manifest = try Self.manifest(run).objectValue, var outputs = manifest["outputs"]?.arrayValue else { return }
            outputs.insert(.object(["path": .string(bad), "bytes": 1, "sha256": "00"]), at: 0)
            manifest["outputs"] = .array(outputs)
            manifest["signature"] = nil
            let original = try FileSystem.readFile("\(run)/manifest.json")
            try FileSystem.writeFileAtomically("\(run)/manifest.json", JSONValue.object(manifest).prettySerialized())
            try? FileSystem.removeItem("\(run)/manifest.sha256")
            do {
                _ = try RunVerifier(runDirectory: run).verify()
                Issue.record("\(bad) accepted")
            } catch let error as WinnowError {
                #expect(error.message.contains("outside the run directory"))
            }
            try FileSystem.writeFileAtomically("\(run)/manifest.json", original)
        }
    }

    @Test func everyKeptDocumentHasAProofAndEveryInputDocumentALineage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let run = try Self.signedRun(directory)
        let root = try #require(try Self.manifest(run)["merkle"]?["documents"]?["root"]?.stringValue.flatMap(Hex.decode))
        let leaves = try FileSystem.readFile("\(run)/lineage/leaves.bin")
        let tree = MerkleTree(leafHashes: stride(from: 0, to: leaves.count, by: 32).map { Array(leaves[$0..<($0 + 32)]) })
        let lookup = try LineageLookup(runDirectory: run)
        let documents = try Fixtures.shardDocuments(run)
        for (position, document) in documents.enumerated() {
            let id = document["id"]!.stringValue!
            let records = try lookup.records(for: id)
            #expect(records.count == 1, "\(id)")
            let record = try #require(records.first)
            #expect(record["status"]?.stringValue == "kept")
            #expect(record["leaf"]?.int64Value == Int64(position))
            #expect(record["sha256"]?.stringValue == StableHash.sha256Hex(document["text"]!.stringValue!))
            let leaf = ProvenanceRecords.documentLeaf(
                id: id, sha256: record["sha256"]!.stringValue!, source: record["source"]!.stringValue!,
                weight: record["weight"] ?? .null, shard: record["shard"]!.stringValue!, line: record["line"]!.int64Value!)
            #expect(MerkleTree.verify(leafHash: ProvenanceRecords.leafHash(leaf), index: position, size: documents.count,
                                      proof: tree.inclusionProof(for: position), root: root))
        }
        // The dropped ones: reason and stage.
        let short = try lookup.records(for: "short-0")
        #expect(short.map { $0["status"]?.stringValue } == ["dropped"])
        #expect(short.first?["stage"]?.stringValue == "filter.length")
        #expect(short.first?["reason"]?.stringValue == "too_few_words")
        // 256 input documents, each exactly once in the lineage.
        var total = 0
        for file in try FileSystem.contentsOfDirectory("\(run)/lineage") where file.hasPrefix("unit-") {
            let reader = LineReader(source: try InputFile.open("\(run)/lineage/\(file)"), path: file)
            try reader.forEachLine({ _ in total += 1 }, oversized: { _ in })
        }
        #expect(total == 256)
    }
}
