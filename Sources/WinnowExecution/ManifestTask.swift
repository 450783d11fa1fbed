internal import Foundation
internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowProvenance
internal import WinnowShards

/// The closing phase (one task): merges the task stats into `stats.json`, the Merkle leaves and the lineage
/// index parts into `lineage/`, writes `croissant.json`, then `manifest.json` (signed when a key is given)
/// and `manifest.sha256`. See docs/provenance.md.
struct ManifestTask {
    let layout: RunLayout
    let plan: Plan
    let pipeline: Pipeline
    let inputs: [InputDescriptor]
    let context: TaskContext
    let signingKeyPath: String?

    func run(stats taskStats: inout TaskStats) throws {
        let phases = ExecutionPhase.phases(of: pipeline.stages)
        var stats = try LocalExecutor.mergeStats(
            plan: plan, phases: phases.filter { $0.name != context.phase }, inputs: inputs, layout: layout, workers: context.worldSize)
        let info = try JSONCoding.decode(RunInfo.self, from: try RunFiles.readRunFile(layout.runInfoFile, what: "run information"))
        stats.wallSeconds = Self.secondsSince(info.started)
        try FileSystem.writeFileAtomically(layout.statsFile, try JSONCoding.prettyBytes(stats))

        // Merkle leaves of the kept documents, in shard order (= input unit order).
        var leaves: [UInt8] = []
        for unit in inputs.indices { leaves += try FileSystem.readFile(layout.leavesPart(unit: unit)) }
        try FileSystem.writeFileAtomically(layout.leavesFile, leaves)
        let leafHashes = stride(from: 0, to: leaves.count, by: 32).map { Array(leaves[$0..<($0 + 32)]) }
        let documentsRoot = MerkleTree(leafHashes: leafHashes).root

        // One sorted index over every unit's lineage.
        var entries: [LineageFile.IndexEntry] = []
        for unit in inputs.indices {
            let part = try FileSystem.readFile(layout.lineageIndexPart(unit: unit))
            for offset in stride(from: 0, to: part.count, by: LineageFile.IndexEntry.byteSize) {
                entries.append(LineageFile.IndexEntry.decode(part, at: offset))
            }
        }
        entries.sort()
        var index: [UInt8] = []
        index.reserveCapacity(entries.count * LineageFile.IndexEntry.byteSize)
        for entry in entries { entry.append(to: &index) }
        try FileSystem.writeFileAtomically(layout.lineageIndexFile, index)

        let writer = try ShardTask(layout: layout, pipeline: pipeline, inputs: inputs, context: context).writer
        let shardLayout = try JSONCoding.decode(ShardLayout.self, from: try RunFiles.readRunFile(layout.layoutFile, what: "shard layout"))
        var shardDocuments: [String: Int64] = [:]
        for shard in shardLayout.shards { shardDocuments["shards/\(writer.shardName(shard.index))"] = shard.documents }

        // Inputs with their hashes.
        var inputValues: [JSONValue] = []
        for input in inputs {
            let hash = String(decoding: try FileSystem.readFile(layout.inputHashFile(unit: input.index)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            inputValues.append(.object([
                "path": .string(input.path), "bytes": .number(JSONNumber(input.bytes)), "sha256": .string(hash),
                "reader": .string(pipeline.stages[input.stageIndex].label),
            ]))
        }

        let finished = RunInfo.timestamp(Date())
        try CroissantWriter.write(
            layout: layout, plan: plan, info: info, finished: finished, inputs: inputs, shardLayout: shardLayout, writer: writer)

        // Every output file, by path.
        var outputs: [(path: String, bytes: Int64, sha256: String)] = []
        for directory in ["shards", "lineage", "rejects"] {
            let absolute = "\(layout.root)/\(directory)"
            guard try FileSystem.isDirectory(absolute) else { continue }
            for file in try FileSystem.walk(absolute) {
                outputs.append((String(file.dropFirst(layout.root.count + 1)), try FileSystem.fileSize(file), try InputHashing.sha256(of: file)))
            }
        }
        for name in ["plan.json", "inputs.json", "config-files.json", "stats.json", "croissant.json", "ledger.json", "ledger.csv"] {
            let file = "\(layout.root)/\(name)"
            guard try FileSystem.fileExists(file) else { continue }
            outputs.append((name, try FileSystem.fileSize(file), try InputHashing.sha256(of: file)))
        }
        outputs.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        let fileLeaves = outputs.map { ProvenanceRecords.leafHash(ProvenanceRecords.fileLeaf(path: $0.path, bytes: $0.bytes, sha256: $0.sha256)) }
        let filesRoot = MerkleTree(leafHashes: fileLeaves).root

        var outputValues: [JSONValue] = []
        for output in outputs {
            var object: JSONObject = ["path": .string(output.path), "bytes": .number(JSONNumber(output.bytes)), "sha256": .string(output.sha256)]
            if let documents = shardDocuments[output.path] { object["documents"] = .number(JSONNumber(documents)) }
            outputValues.append(.object(object))
        }

        var manifest: JSONObject = [
            "schema": .string(Manifest.schema),
            "run": .object([
                "id": .string(info.runID), "pipeline": .string(plan.pipeline), "fingerprint": .string(plan.fingerprint),
                "started": .string(info.started), "finished": .string(finished), "host": .string(info.host),
                "winnow_version": .string(info.winnowVersion), "winnow_commit": info.winnowCommit.map { .string($0) } ?? .null,
                "tasks_per_phase": .number(JSONNumber(context.worldSize)),
            ]),
            "plan": plan.json,
            "inputs": .array(inputValues),
            "outputs": .array(outputValues),
            "counts": try JSONCoding.value(encoding: ManifestCounts(stats)),
            "merkle": .object([
                "algorithm": "rfc9162-sha256",
                "documents": .object(["root": .string(Hex.encode(documentsRoot)), "size": .number(JSONNumber(leafHashes.count))]),
                "files": .object(["root": .string(Hex.encode(filesRoot)), "size": .number(JSONNumber(outputs.count))]),
            ]),
        ]
        var summaries = JSONObject()
        for (name, file) in [("ledger", "ledger.json")] {
            let path = "\(layout.root)/\(file)"
            if try FileSystem.fileExists(path), let value = try? JSONParser.parse(try FileSystem.readFile(path)) {
                summaries[name] = value["summary"] ?? .null
            }
        }
        if !summaries.isEmpty { manifest["summaries"] = .object(summaries) }
        if let predecessor = info.predecessor {
            manifest["predecessor"] = .object([
                "batch": .string(predecessor.batch), "run_id": .string(predecessor.runID),
                "manifest_sha256": .string(predecessor.manifestSHA256), "documents_root": .string(predecessor.documentsRoot),
            ])
        }
        var value = JSONValue.object(manifest)
        if let signingKeyPath {
            value = try Manifest.signed(value, with: try SigningKey.load(from: signingKeyPath))
        }
        let bytes = value.prettySerialized()
        try FileSystem.writeFileAtomically(layout.manifestFile, bytes)
        try FileSystem.writeFileAtomically(layout.manifestChecksumFile, Array("\(StableHash.sha256Hex(bytes))  manifest.json\n".utf8))
        taskStats.units = 1
        taskStats.documentsOut = Int64(leafHashes.count)
    }

    static func secondsSince(_ timestamp: String) -> Double {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: timestamp) else { return 0 }
        return Date().timeIntervalSince(date)
    }
}

/// The counts the manifest records (the deterministic part of the stats: no times).
struct ManifestCounts: Encodable {
    var documentsRead: Int64
    var rejected: [String: Int64]
    var documentsWritten: Int64
    var shards: Int
    var stages: [StageCounters]

    init(_ stats: RunStats) {
        documentsRead = stats.documentsRead
        rejected = stats.rejects
        documentsWritten = stats.documentsWritten
        shards = stats.shards
        stages = stats.stages
    }

    enum CodingKeys: String, CodingKey {
        case documentsRead = "documents_read", rejected, documentsWritten = "documents_written", shards, stages
    }
}
