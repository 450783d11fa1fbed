internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowProvenance
internal import WinnowShards

/// The lineage phase: for each of its input units, gathers every document's record (kept ones with their
/// shard, line and Merkle leaf index; dropped and skipped ones with the stage and reason) in record order,
/// writes the unit's lineage file and its index entries, and the Merkle leaf hashes of its kept documents.
struct LineageTask {
    let layout: RunLayout
    let pipeline: Pipeline
    let inputs: [InputDescriptor]
    let context: TaskContext

    /// Where the lines of one part landed: part lines `firstLine ..< firstLine + count` are shard lines
    /// `shardLine ...` of `shard`, and Merkle leaves `leaf ...`.
    struct Placement {
        var firstLine: Int64
        var count: Int64
        var shard: String
        var shardLine: Int64
        var leaf: Int64
    }

    func run(stats: inout TaskStats) throws {
        let phases = ExecutionPhase.phases(of: pipeline.stages)
        let segments = phases.compactMap { phase -> Int? in
            if case let .segment(index, _, _, _, _) = phase.kind { return index }
            return nil
        }
        let lastSegment = segments.max() ?? 0
        guard let writer = pipeline.stages.last as? ShardWriter else {
            throw WinnowError(.invalidPlan, "the last stage must be a shard writer", scope: .run)
        }
        let shardLayout = try JSONCoding.decode(ShardLayout.self, from: try RunFiles.readRunFile(layout.layoutFile, what: "shard layout"))
        var placements: [Int: [Placement]] = [:]
        var leafBase: Int64 = 0
        for shard in shardLayout.shards {
            var line: Int64 = 1
            for piece in shard.pieces {
                placements[piece.part, default: []].append(Placement(
                    firstLine: piece.firstLine, count: piece.lineCount, shard: writer.shardName(shard.index),
                    shardLine: line, leaf: leafBase + line - 1))
                line += piece.lineCount
            }
            leafBase += shard.documents
        }

        for unit in context.units(of: inputs.count) {
            var records: [(order: (Int64, Int64), value: JSONValue, id: String?)] = []
            var leaves: [UInt8] = []
            // Kept documents, in part order.
            let unitPlacements = placements[unit] ?? []
            var placementIndex = 0
            var partLine: Int64 = 0
            try forEachRecord(layout.keptFile(segment: lastSegment, unit: unit)) { record in
                guard var object = record.objectValue, let id = object["id"]?.stringValue,
                      let sha256 = object["sha256"]?.stringValue, let source = object["source"]?.stringValue
                else {
                    throw WinnowError(.internalInconsistency, "kept record \(partLine) of input \(unit) is incomplete", scope: .task)
                }
                let copies = object["copies"]?.int64Value ?? 1
                guard copies >= 1 else {
                    throw WinnowError(.internalInconsistency, "kept record \(partLine) of input \(unit) has \(copies) copies", scope: .task)
                }
                // Each copy is a part line of its own; a document's copies may straddle two shards.
                var copyPlacements: [JSONValue] = []
                for copy in 0..<copies {
                    while placementIndex < unitPlacements.count,
                          partLine >= unitPlacements[placementIndex].firstLine + unitPlacements[placementIndex].count {
                        placementIndex += 1
                    }
                    guard placementIndex < unitPlacements.count, partLine >= unitPlacements[placementIndex].firstLine else {
                        throw WinnowError(.internalInconsistency, "kept document \(partLine) of input \(unit) is not in the shard layout", scope: .task)
                    }
                    let placement = unitPlacements[placementIndex]
                    let offset = partLine - placement.firstLine
                    let shardLine = placement.shardLine + offset
                    let leafIndex = placement.leaf + offset
                    if copy == 0 {
                        object["shard"] = .string(placement.shard)
                        object["line"] = .number(JSONNumber(shardLine))
                        object["leaf"] = .number(JSONNumber(leafIndex))
                    }
                    if copies > 1 {
                        copyPlacements.append(.object([
                            "shard": .string(placement.shard), "line": .number(JSONNumber(shardLine)), "leaf": .number(JSONNumber(leafIndex)),
                        ]))
                    }
                    let leaf = ProvenanceRecords.documentLeaf(
                        id: id, sha256: sha256, source: source, weight: object["weight"] ?? .null, shard: placement.shard, line: shardLine)
                    leaves.append(contentsOf: ProvenanceRecords.leafHash(leaf))
                    partLine += 1
                }
                if copies > 1 { object["placements"] = .array(copyPlacements) }
                records.append((Self.order(object), .object(object), id))
            }
            // Dropped and skipped documents, from every segment.
            for segment in 0...lastSegment {
                try forEachRecord(layout.droppedFile(segment: segment, unit: unit)) { record in
                    records.append((Self.order(record.objectValue ?? JSONObject()), record, record["id"]?.stringValue))
                }
            }
            records.sort { $0.order < $1.order }

            let file = try LineageFile.Writer(path: layout.lineageFile(unit: unit), unit: unit)
            for record in records { try file.append(record.value, id: record.id) }
            try file.commit()
            var index: [UInt8] = []
            for entry in file.entries { entry.append(to: &index) }
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: layout.lineageIndexPart(unit: unit)))
            try FileSystem.writeFileAtomically(layout.lineageIndexPart(unit: unit), index)
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: layout.leavesPart(unit: unit)))
            try FileSystem.writeFileAtomically(layout.leavesPart(unit: unit), leaves)
            stats.units += 1
            stats.documentsIn += Int64(records.count)
            stats.documentsOut += Int64(leaves.count / 32)
            FaultInjection.checkpoint(phase: context.phase, rank: context.rank, point: String(unit))
        }
    }

    /// Record order: the origin's ordinal, then byte offset (reader skips have no ordinal and come last).
    static func order(_ object: JSONObject) -> (Int64, Int64) {
        let origin = object["origin"]
        return (origin?["ordinal"]?.int64Value ?? Int64.max, origin?["offset"]?.int64Value ?? 0)
    }

    /// Calls `body` for each JSON line of a (compressed) file; a missing file has no records.
    func forEachRecord(_ path: String, _ body: (JSONValue) throws -> Void) throws {
        guard try FileSystem.fileExists(path) else { return }
        let reader = LineReader(source: try InputFile.open(path), path: path, maxLineBytes: Int(UInt32.max))
        try reader.forEachLine({ line in
            do {
                try body(try JSONParser.parse(line.bytes))
            } catch let error as JSONParseError {
                throw WinnowError(.internalInconsistency, "work file line is not JSON: \(error)", at: .init(path: path, line: line.number), scope: .task)
            }
        }, oversized: { long in
            throw WinnowError(.internalInconsistency, "work file line of \(long.length) bytes", at: .init(path: path, line: long.number), scope: .task)
        })
    }
}
