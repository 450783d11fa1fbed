internal import WinnowCore
internal import WinnowIO

extension MinHashDedup {
    /// The run's token in the index: a hash of its run directory.
    func runToken(_ context: TaskContext) -> String {
        StableHash.hex(StableHash.xxh3(context.runDirectory))
    }

    func stagingDirectory(_ index: MinHashIndex, context: TaskContext) -> String {
        "\(index.path)/staging-\(runToken(context))"
    }

    /// The documents this run drops (sorted keys), from the decision files.
    func droppedKeys(_ context: TaskContext) throws -> [UInt64] {
        var keys: [UInt64] = []
        let directory = decisionsDirectory(context)
        guard try FileSystem.isDirectory(directory) else { return [] }
        for (unit, manifest) in try unitManifests(context) where manifest.signed > 0 {
            let path = decisionsFile(context, unit: unit)
            guard try FileSystem.fileExists(path) else { continue }
            var dropped = Set<UInt64>()
            var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
            while !reader.isAtEnd {
                let row = try DecisionRow.read(&reader)
                if row.drop { dropped.insert(row.ordinal) }
            }
            guard !dropped.isEmpty else { continue }
            // Map ordinals back to signed positions through the unit's signatures file.
            let signatures = try WorkFileReader(path: signaturesFile(context, unit: unit))
            for position in 0..<manifest.signed {
                let ordinal = try signatures.uint64()
                try signatures.skip(8 + 4 * shape.hashes)
                if dropped.contains(ordinal) { keys.append(Self.runKey(unit: unit, position: UInt64(position))) }
            }
        }
        return keys.sorted()
    }

    /// Maps this run's kept documents to their positions in the new index batch (the run's order, dropped
    /// documents left out).
    struct BatchNumbering {
        /// Kept documents before each unit, by unit.
        var offsets: [Int: Int]
        var dropped: [UInt64]
        var total: Int

        init(manifests: [(unit: Int, manifest: UnitManifest)], dropped: [UInt64]) {
            self.dropped = dropped
            offsets = [:]
            var droppedPerUnit: [Int: Int] = [:]
            for key in dropped { droppedPerUnit[MinHashDedup.group(of: key), default: 0] += 1 }
            var running = 0
            for (unit, manifest) in manifests {
                offsets[unit] = running
                running += manifest.signed - droppedPerUnit[unit, default: 0]
            }
            total = running
        }

        func isDropped(_ key: UInt64) -> Bool {
            var low = 0
            var high = dropped.count
            while low < high {
                let middle = (low + high) / 2
                if dropped[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < dropped.count && dropped[low] == key
        }

        /// The position in the batch of kept document `key`.
        func position(of key: UInt64) -> UInt64 {
            var low = 0
            var high = dropped.count
            while low < high {
                let middle = (low + high) / 2
                if dropped[middle] < key { low = middle + 1 } else { high = middle }
            }
            let unit = MinHashDedup.group(of: key)
            let unitStart = MinHashDedup.runKey(unit: unit, position: 0)
            var first = 0
            var end = low
            while first < end {
                let middle = (first + end) / 2
                if dropped[middle] < unitStart { first = middle + 1 } else { end = middle }
            }
            let droppedBefore = low - first
            return UInt64(offsets[unit, default: 0] + MinHashDedup.position(of: key) - droppedBefore)
        }
    }

    /// `index-write`: unit `b < bands` writes band `b` of the new batch (this run's band entries without the
    /// dropped documents, renumbered, still sorted); unit `bands` writes its signatures and ids.
    func runIndexWrite(_ unit: Int, context: TaskContext) throws {
        guard let path = index else { return }
        let index = try MinHashIndex.open(path, stage: self)
        let batch = UInt64(index.manifest.batches.count)
        let manifests = try unitManifests(context)
        let numbering = BatchNumbering(manifests: manifests, dropped: try droppedKeys(context))
        guard numbering.total < Int(UInt32.max) else {
            throw WinnowError(.invalidArgument, "stage '\(label)': more than 2^32 documents in one index batch", scope: .run)
        }
        let staging = stagingDirectory(index, context: context)
        try FileSystem.createDirectory(staging)
        if unit < bands {
            var runs: [String] = []
            for (inputUnit, manifest) in manifests {
                for run in 0..<manifest.runs { runs.append(runFile(context, band: unit, unit: inputUnit, run: run)) }
            }
            let scratch = "\(directory(context))/merge-index/\(Self.bandName(unit))"
            var merge = try PairMerge(paths: try reduceRuns(runs, scratch: scratch))
            let writer = try AtomicFileWriter(path: "\(staging)/\(Self.bandName(unit)).bin")
            var buffer = BinaryWriter()
            while let entry = try merge.next() {
                guard !numbering.isDropped(entry.second) else { continue }
                KeyPair(first: entry.first, second: batch << 32 | numbering.position(of: entry.second)).append(to: &buffer)
                if buffer.bytes.count >= 1 << 20 {
                    try writer.write(buffer.bytes)
                    buffer.bytes.removeAll(keepingCapacity: true)
                }
            }
            try writer.write(buffer.bytes)
            try writer.commit()
            if try FileSystem.isDirectory(scratch) { try FileSystem.removeItem(scratch, recursive: true) }
        } else {
            let signatures = try AtomicFileWriter(path: "\(staging)/signatures.bin")
            let ids = try AtomicFileWriter(path: "\(staging)/ids.bin")
            // With exact verification the kept documents' shingle values go into the batch too, so later runs
            // verify against them exactly.
            let exact = verification == .exact
            let shingles = exact ? try AtomicFileWriter(path: "\(staging)/shingles.bin") : nil
            let shingleIndex = exact ? try AtomicFileWriter(path: "\(staging)/shingle-index.bin") : nil
            var shingleBytes: UInt64 = 0
            var values: [UInt32] = []
            var id = BinaryWriter()
            for (inputUnit, manifest) in manifests where manifest.signed > 0 {
                let signatureReader = try WorkFileReader(path: signaturesFile(context, unit: inputUnit))
                let idReader = try WorkFileReader(path: idsFile(context, unit: inputUnit))
                let valueReader = exact ? try WorkFileReader(path: shinglesFile(context, unit: inputUnit)) : nil
                let locationReader = exact ? try WorkFileReader(path: shingleIndexFile(context, unit: inputUnit)) : nil
                for position in 0..<manifest.signed {
                    try signatureReader.skip(16)
                    var words = BinaryWriter()
                    for _ in 0..<shape.hashes { words.append(try signatureReader.uint32()) }
                    let text = try idReader.string()
                    var count = 0
                    if let locationReader {
                        _ = try locationReader.uint64()
                        count = Int(try locationReader.uint32())
                    }
                    guard !numbering.isDropped(Self.runKey(unit: inputUnit, position: UInt64(position))) else {
                        try valueReader?.skip(count * 4)
                        continue
                    }
                    try signatures.write(words.bytes)
                    id.bytes.removeAll(keepingCapacity: true)
                    id.append(text)
                    try ids.write(id.bytes)
                    if let valueReader, let shingles, let shingleIndex {
                        if values.count < count { values = Array(repeating: 0, count: count) }
                        try values.withUnsafeMutableBufferPointer { buffer in
                            try valueReader.uint32s(into: buffer.baseAddress!, count: count)
                            for index in 0..<count { buffer[index] = buffer[index].littleEndian }
                            try shingles.write(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count * 4))
                        }
                        id.bytes.removeAll(keepingCapacity: true)
                        id.append(shingleBytes)
                        id.append(UInt32(count))
                        try shingleIndex.write(id.bytes)
                        shingleBytes += UInt64(count * 4)
                    }
                }
            }
            try signatures.commit()
            try ids.commit()
            try shingles?.commit()
            try shingleIndex?.commit()
            var count = BinaryWriter()
            count.append(UInt64(numbering.total))
            try FileSystem.writeFileAtomically("\(staging)/documents.bin", count.bytes)
        }
    }

    /// `index-publish`: renames the staged batch into place and appends it to `index.json` (last), unless a
    /// rerun finds it already published.
    func runIndexPublish(context: TaskContext) throws {
        guard let path = index else { return }
        var index = try MinHashIndex.open(path, stage: self)
        let token = runToken(context)
        if index.manifest.batches.contains(where: { $0.run == token }) { return }
        let seen = try BinaryReader.readUInt64(indexBatchesFile(context, band: 0))
        guard seen == index.manifest.batches.count else {
            throw WinnowError(
                .io, "the MinHash index gained a batch while this run used it; another run published to it. Rerun in a new output directory",
                at: .init(path: index.path), scope: .run)
        }
        let staging = stagingDirectory(index, context: context)
        let name = Self.name("batch-", index.manifest.batches.count, width: 6)
        let final = "\(index.path)/\(name)"
        if try FileSystem.isDirectory(staging) {
            // A batch directory not listed in index.json is a leftover of an interrupted publication.
            if try FileSystem.isDirectory(final) { try FileSystem.removeItem(final, recursive: true) }
            try FileSystem.rename(staging, to: final)
        } else if try !FileSystem.isDirectory(final) {
            throw WinnowError(.internalInconsistency, "staged MinHash index batch is missing", at: .init(path: staging), scope: .task)
        }
        let count = try BinaryReader.readUInt64("\(final)/documents.bin")
        index.manifest.batches.append(.init(name: name, documents: count, run: token))
        try index.writeManifest()
    }
}

extension BinaryReader {
    /// The first little-endian UInt64 of the file at `path`.
    static func readUInt64(_ path: String) throws -> Int {
        var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
        return Int(try reader.uint64())
    }
}
