internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowShards

/// The two shard phases: planning the layout from the final parts' line sizes (rank 0 alone), and writing
/// shards `rank, rank + world, ...` by copying their lines out of the parts.
struct ShardTask {
    let layout: RunLayout
    let pipeline: Pipeline
    let inputs: [InputDescriptor]
    let context: TaskContext

    var writer: ShardWriter {
        get throws {
            guard let writer = pipeline.stages.last as? ShardWriter else {
                throw WinnowError(.invalidPlan, "the last stage must be a shard writer (write.shards)", scope: .run)
            }
            return writer
        }
    }

    var finalSegment: Int {
        ExecutionPhase.phases(of: pipeline.stages).compactMap { phase -> Int? in
            if case let .segment(index, _, _, _, true) = phase.kind { return index }
            return nil
        }.first ?? 0
    }

    func planLayout(stats: inout TaskStats) throws {
        let writer = try self.writer
        let segment = finalSegment
        var builder = ShardLayout.Builder(maxShardBytes: writer.maxShardBytes)
        for unit in 0..<inputs.count {
            let path = layout.sizesFile(segment: segment, unit: unit)
            guard try FileSystem.fileExists(path) else {
                throw WinnowError(.internalInconsistency, "segment \(segment) has no sizes for input \(unit): it did not complete", at: .init(path: path), scope: .task)
            }
            let bytes = try FileSystem.readFile(path)
            guard bytes.count % 4 == 0 else {
                throw WinnowError(.internalInconsistency, "sizes file is truncated", at: .init(path: path, byteOffset: Int64(bytes.count)), scope: .task)
            }
            var line: Int64 = 0
            var offset = 0
            while offset < bytes.count {
                let size = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
                builder.add(part: unit, line: line, bytes: Int64(size))
                line += 1
                offset += 4
            }
            stats.units += 1
        }
        let shardLayout = builder.finish()
        try FileSystem.writeFileAtomically(layout.layoutFile, try JSONCoding.prettyBytes(shardLayout))

        // Shards of an earlier, different layout must not linger next to the new ones.
        let expected = Set(shardLayout.shards.map { writer.shardName($0.index) })
        if try FileSystem.isDirectory(layout.shardsDirectory) {
            for name in try FileSystem.contentsOfDirectory(layout.shardsDirectory) where !expected.contains(name) {
                try FileSystem.removeItem("\(layout.shardsDirectory)/\(name)")
            }
        }
    }

    /// Writes this task's shards in one forward pass over the parts they draw from: every part is opened
    /// once and read up to the last line this task needs, so the cost is linear in the parts' size however
    /// many shards a part feeds (re-reading a part from its start for each shard is quadratic).
    func writeShards(stats: inout TaskStats) throws {
        let writer = try self.writer
        let segment = finalSegment
        let shardLayout = try JSONCoding.decode(ShardLayout.self, from: try RunFiles.readRunFile(layout.layoutFile, what: "shard layout"))
        try FileSystem.createDirectory(layout.shardsDirectory)

        // This task's pieces in global line order (shards are consecutive runs of the part sequence).
        struct Span {
            var shard: Int
            var piece: ShardLayout.Piece
            var lastOfShard: Bool
        }
        var spans: [Span] = []
        for shardIndex in context.units(of: shardLayout.shards.count) {
            let pieces = shardLayout.shards[shardIndex].pieces
            for (position, piece) in pieces.enumerated() {
                spans.append(Span(shard: shardIndex, piece: piece, lastOfShard: position == pieces.count - 1))
            }
        }

        var output: OutputFile?
        var written: Int64 = 0
        var next = 0
        while next < spans.count {
            let part = spans[next].piece.part
            let partPath = layout.partFile(segment: segment, unit: part)
            let reader = LineReader(source: try InputFile.open(partPath), path: partPath, maxLineBytes: Int(UInt32.max))
            var copied: Int64 = 0
            do {
                try reader.forEachLine({ line in
                    let span = spans[next]
                    let first = span.piece.firstLine + 1  // LineReader numbers lines from 1
                    guard line.number >= first else { return }
                    if output == nil {
                        try Interruption.check()
                        let shard = shardLayout.shards[span.shard]
                        output = try OutputFile(path: "\(layout.shardsDirectory)/\(writer.shardName(shard.index))", compression: writer.compression, level: writer.compressionLevel)
                        written = 0
                    }
                    try output!.write(line.bytes)
                    try output!.write([0x0a])
                    copied += 1
                    written += 1
                    guard line.number == span.piece.firstLine + span.piece.lineCount else { return }
                    // The span is complete: close its shard when this was the shard's last piece.
                    if span.lastOfShard {
                        let compressedBytes = try output!.commit()
                        output = nil
                        stats.units += 1
                        FaultInjection.checkpoint(phase: context.phase, rank: context.rank, point: String(span.shard))
                        stats.documentsOut += written
                        stats.bytesOut += compressedBytes
                    }
                    copied = 0
                    next += 1
                    if next == spans.count || spans[next].piece.part != part { throw StopReading() }
                }, oversized: { long in
                    throw WinnowError(.internalInconsistency, "part line of \(long.length) bytes", at: .init(path: partPath, line: long.number), scope: .task)
                })
            } catch is StopReading {
                continue
            }
            let span = spans[next]
            throw WinnowError(
                .internalInconsistency,
                "part has \(copied) of the \(span.piece.lineCount) lines the layout expects from line \(span.piece.firstLine + 1)",
                at: .init(path: partPath), scope: .task)
        }
    }

    /// Ends a part's read once its last needed line is written.
    private struct StopReading: Error {}
}
