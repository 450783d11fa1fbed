internal import Logging
internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowShards

/// One task of a segment phase: a streaming pass over its input units (inputs `rank`, `rank + world`, ...).
///
/// For each unit it reads the documents (from the input file in segment 0, from the previous segment's part
/// otherwise), runs the barrier apply step and the document stages, lets the closing barrier stage observe
/// the survivors, and writes them to the unit's part: internal JSON for the next segment, or finished shard
/// lines (plus their sizes) in the last segment. Rejected records go to `rejects/`, dropped documents to
/// `dropped/`. All of a unit's files are committed together after its last document.
struct SegmentTask {
    let layout: RunLayout
    let pipeline: Pipeline
    let inputs: [InputDescriptor]
    let context: TaskContext
    let index: Int
    let applying: Int?
    let stageIndices: [Int]
    let collecting: Int?
    let isLast: Bool

    /// Log at most this many rejects per task one by one; the rest are counted.
    static let loggedRejectLimit = 20

    init(
        layout: RunLayout, pipeline: Pipeline, inputs: [InputDescriptor], context: TaskContext,
        index: Int, applying: Int?, stageIndices: [Int], collecting: Int?, isLast: Bool
    ) {
        self.layout = layout
        self.pipeline = pipeline
        self.inputs = inputs
        self.context = context
        self.index = index
        self.applying = applying
        self.stageIndices = stageIndices
        self.collecting = collecting
        self.isLast = isLast
    }

    mutating func run(stats: inout TaskStats) throws {
        let stages = pipeline.stages
        let processorStages = (applying.map { [$0] } ?? []) + stageIndices
        // Segment 0 also counts, per reader, the records it emitted (kept) and skipped by rule (dropped).
        let readerStages = index == 0 ? stages.indices.filter { stages[$0] is any SourceStage } : []
        // The last segment also counts what reaches the writer.
        let sinkStages = isLast ? [stages.count - 1] : []
        stats.stages = (readerStages + processorStages + sinkStages).map {
            StageCounters(label: stages[$0].label, stage: type(of: stages[$0]).identifier.description)
        }
        var loggedRejects = 0
        let progressWriter = ProgressWriter(layout: layout, phase: context.phase, rank: context.rank)
        var progress = TaskProgress()
        for unit in context.units(of: inputs.count) {
            try Interruption.check()
            try runUnit(
                unit, readerStages: readerStages, processorStages: processorStages, stats: &stats, loggedRejects: &loggedRejects,
                progress: &progress, progressWriter: progressWriter)
            stats.units += 1
            progress.units += 1
            progress.bytes = stats.bytesIn
            progressWriter.update(progress, force: true)
            FaultInjection.checkpoint(phase: context.phase, rank: context.rank, point: String(unit))
        }
        if let limit = pipeline.options.maxRejectFraction {
            let rejected = stats.rejectCount
            let total = rejected + stats.documentsIn
            if total > 0, Double(rejected) / Double(total) > limit {
                throw WinnowError(
                    .tooManyRejects,
                    "\(rejected) of \(total) records rejected, more than maxRejectFraction \(limit); see \(layout.rejectsDirectory)",
                    scope: .task)
            }
        }
    }

    private func runUnit(
        _ unit: Int, readerStages: [Int], processorStages: [Int], stats: inout TaskStats, loggedRejects: inout Int,
        progress: inout TaskProgress, progressWriter: ProgressWriter
    ) throws {
        let stages = pipeline.stages
        let input = inputs[unit]
        var processors: [any DocumentProcessor] = []
        if let applying, let barrier = stages[applying] as? any BarrierStage {
            processors.append(try barrier.makeApplier(unit: unit, context: context))
        }
        for stageIndex in stageIndices {
            guard let stage = stages[stageIndex] as? any DocumentStage else {
                throw WinnowError(.internalInconsistency, "stage '\(stages[stageIndex].label)' is not a document stage", scope: .run)
            }
            processors.append(try stage.makeProcessor(context: context))
        }
        var collector: (any BarrierCollector)?
        if let collecting, let barrier = stages[collecting] as? any BarrierStage {
            collector = try barrier.makeCollector(unit: unit, context: context)
        }

        let partPath = layout.partFile(segment: index, unit: unit)
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: partPath))
        let part = try OutputFile(path: partPath, compression: .zstd, level: 1)
        var sizes: [UInt8] = []
        var weights = WeightDistribution()
        let keptPath = layout.keptFile(segment: index, unit: unit)
        let kept = isLast ? try OutputFile(path: keptPath, compression: .zstd, level: 3) : nil
        var keptLine = JSONWriter()
        var drops: OutputFile?
        var rejects: OutputFile?
        var line = JSONWriter(reservingCapacity: 1 << 16)
        var dropLine = JSONWriter()
        var counters = stats.stages
        let firstProcessor = readerStages.count
        let readerCounter = readerStages.firstIndex(of: input.stageIndex)
        var unitStats = (documentsIn: Int64(0), bytesIn: Int64(0), documentsOut: Int64(0), bytesOut: Int64(0))
        var rejectCounts: [String: Int64] = [:]
        let droppedPath = layout.droppedFile(segment: index, unit: unit)
        let rejectsPath = layout.rejectsFile(unit: unit)

        func handle(_ incoming: Document) throws {
            var document = incoming
            unitStats.documentsIn += 1
            progress.documents += 1
            if unitStats.documentsIn & 1023 == 0 {
                try Interruption.check()
                progressWriter.update(progress)
            }
            if index > 0 { unitStats.bytesIn += Int64(document.text.utf8.count) }
            if let readerCounter { counters[readerCounter].record(.keep) }
            for position in processors.indices {
                let decision = try processors[position].process(&document)
                counters[firstProcessor + position].record(decision)
                if case let .drop(reason, detail) = decision {
                    dropLine.bytes.removeAll(keepingCapacity: true)
                    RecordCoding.drop(document, stage: counters[firstProcessor + position].label, reason: reason, detail: detail, into: &dropLine)
                    try logDrop()
                    return
                }
            }
            try collector?.observe(document)
            if isLast {
                // Raw content that no extraction stage turned into text cannot become a shard line, and a
                // document to be written zero times is not kept.
                let decision: Decision = document.raw != nil
                    ? .drop(reason: "unextracted_raw_content", detail: "the pipeline has no extraction stage for \(document.raw?.mediaType ?? "unknown") content")
                    : document.copies < 1 ? .drop(reason: "zero_copies", detail: "the document is to be written \(document.copies) times") : .keep
                counters[counters.count - 1].record(decision)
                if case let .drop(reason, detail) = decision {
                    dropLine.bytes.removeAll(keepingCapacity: true)
                    RecordCoding.drop(document, stage: counters[counters.count - 1].label, reason: reason, detail: detail, into: &dropLine)
                    try logDrop()
                    return
                }
            }
            line.bytes.removeAll(keepingCapacity: true)
            if isLast {
                ShardWriter.serialize(document, into: &line)
            } else {
                PartDocumentCoding.encode(document, into: &line)
            }
            line.bytes.append(0x0a)
            try part.write(line.bytes)
            if isLast {
                guard line.bytes.count <= Int(UInt32.max) else {
                    throw WinnowError(.recordTooLarge, "document '\(document.id)' serializes to \(line.bytes.count) bytes", at: document.origin.location, scope: .task)
                }
                // Resampled copies follow the first line; each is a shard line of its own.
                for _ in 1..<document.copies { try part.write(line.bytes) }
                var size = UInt32(line.bytes.count).littleEndian
                for _ in 0..<document.copies { withUnsafeBytes(of: &size) { sizes.append(contentsOf: $0) } }
                weights.add(document.weight, copies: document.copies)
                keptLine.bytes.removeAll(keepingCapacity: true)
                RecordCoding.kept(document, into: &keptLine)
                keptLine.bytes.append(0x0a)
                try kept?.write(keptLine.bytes)
            }
            unitStats.documentsOut += 1
            unitStats.bytesOut += Int64(document.text.utf8.count)
        }

        func logDrop() throws {
            if drops == nil {
                try FileSystem.createDirectory(FileSystem.parentDirectory(of: droppedPath))
                drops = try OutputFile(path: droppedPath, compression: .zstd, level: 3)
            }
            dropLine.bytes.append(0x0a)
            try drops!.write(dropLine.bytes)
        }

        func skip(_ skip: Skip) throws {
            guard let readerCounter else { return }
            counters[readerCounter].record(.drop(reason: skip.reason, detail: skip.detail))
            if skip.isDocument {
                dropLine.bytes.removeAll(keepingCapacity: true)
                RecordCoding.skip(skip, stage: counters[readerCounter].label, into: &dropLine)
                try logDrop()
            }
        }

        func quarantine(_ reject: Reject) throws {
            if rejects == nil {
                try FileSystem.createDirectory(layout.rejectsDirectory)
                rejects = try OutputFile(path: rejectsPath, compression: .none)
            }
            try rejects!.write(RecordCoding.reject(reject))
            rejectCounts[reject.error.code.rawValue, default: 0] += 1
            if loggedRejects < Self.loggedRejectLimit {
                context.logger.warning("rejected: \(reject.error)")
            } else if loggedRejects == Self.loggedRejectLimit {
                context.logger.warning("more rejects in this task are counted but not logged; see \(layout.rejectsDirectory)")
            }
            loggedRejects += 1
            if context.failFast {
                try rejects!.commit()
                rejects = nil
                throw WinnowError(.failFast, "stopping at the first rejected record (--fail-fast): \(reject.error)", at: reject.error.location, scope: .run)
            }
        }

        if index == 0 {
            guard let source = stages[input.stageIndex] as? any SourceStage else {
                throw WinnowError(.internalInconsistency, "input \(unit) names stage \(input.stageIndex), which is not a reader", scope: .run)
            }
            unitStats.bytesIn += input.bytes
            try source.read(input, context: context) { event in
                switch event {
                case .document(let document): try handle(document)
                case .reject(let reject): try quarantine(reject)
                case .skip(let skipped): try skip(skipped)
                }
            }
        } else {
            let previous = layout.partFile(segment: index - 1, unit: unit)
            let stream = try InputFile.open(previous)
            let reader = LineReader(source: stream, path: previous, maxLineBytes: Int(UInt32.max))
            try reader.forEachLine({ partLine in
                try handle(try PartDocumentCoding.decode(partLine.bytes, path: previous, line: partLine.number))
            }, oversized: { long in
                throw WinnowError(.internalInconsistency, "intermediate line of \(long.length) bytes", at: .init(path: previous, line: long.number), scope: .task)
            })
        }

        // Commit the unit: the collector's files, the drop log, the quarantine, then the part (and sizes).
        try collector?.commit()
        if let drops { try drops.commit() } else if try FileSystem.fileExists(droppedPath) { try FileSystem.removeItem(droppedPath) }
        if let rejects { try rejects.commit() } else if index == 0, try FileSystem.fileExists(rejectsPath) { try FileSystem.removeItem(rejectsPath) }
        if isLast {
            try kept?.commit()
            try FileSystem.writeFileAtomically(layout.sizesFile(segment: index, unit: unit), sizes)
            try FileSystem.writeFileAtomically(layout.weightsFile(segment: index, unit: unit), try JSONCoding.prettyBytes(weights))
        }
        if index == 0 {
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: layout.inputHashFile(unit: unit)))
            try FileSystem.writeFileAtomically(layout.inputHashFile(unit: unit), Array((try InputHashing.sha256(of: input.path) + "\n").utf8))
        }
        _ = try part.commit()

        stats.stages = counters
        stats.documentsIn += unitStats.documentsIn
        stats.bytesIn += unitStats.bytesIn
        stats.documentsOut += unitStats.documentsOut
        stats.bytesOut += unitStats.bytesOut
        stats.rejects.merge(rejectCounts, uniquingKeysWith: +)
    }
}
