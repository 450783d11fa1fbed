public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

extension MinHashDedup {
    public func makeCollector(unit: Int, context: TaskContext) throws -> any BarrierCollector {
        guard unit < 1 << 31 else {
            throw WinnowError(.invalidArgument, "stage '\(label)': more than 2^31 inputs", scope: .run)
        }
        // Refuse an incompatible index before any work, not only at the band merge.
        if let index { _ = try MinHashIndex.open(index, stage: self) }
        return try Collector(stage: self, unit: unit, context: context)
    }

    /// The unit manifest: how many run files each band has and how many documents got a signature.
    struct UnitManifest {
        var runs: Int
        var signed: Int

        func encoded() -> [UInt8] {
            var writer = BinaryWriter()
            writer.append(UInt32(runs))
            writer.append(UInt64(signed))
            return writer.bytes
        }

        static func read(_ path: String) throws -> UnitManifest {
            var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
            let runs = Int(try reader.uint32())
            let signed = Int(try reader.uint64())
            return UnitManifest(runs: runs, signed: signed)
        }
    }

    /// The unit manifests of every collected input unit, by unit number.
    func unitManifests(_ context: TaskContext) throws -> [(unit: Int, manifest: UnitManifest)] {
        let directory = unitsDirectory(context)
        guard try FileSystem.isDirectory(directory) else { return [] }
        var result: [(Int, UnitManifest)] = []
        for file in try FileSystem.contentsOfDirectory(directory) where file.hasPrefix("unit-") && file.hasSuffix(".bin") {
            guard let unit = Int(file.dropFirst(5).dropLast(4)) else { continue }
            result.append((unit, try UnitManifest.read("\(directory)/\(file)")))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Reads a score at a dotted path of the document's `attributes`, or else of its `metadata`; documents
    /// without a finite number there rank lowest.
    static func score(_ document: Document, path: String?) -> Double {
        guard let path else { return 0 }
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for root in [document.attributes, document.metadata] {
            var value: JSONValue? = .object(root)
            for component in components { value = value?.objectValue?[component] }
            if let number = value?.doubleValue, number.isFinite { return number }
        }
        return -Double.infinity
    }

    /// Signs the documents of one input unit. Per signed document it writes `(ordinal, score, signature)` to
    /// the unit's signatures file and the id to its ids file (with ``Verification/exact`` also its shingle
    /// values, see ``ShingleSetStore``); per band it buffers `(band key, document key)`
    /// and spills sorted runs when `spillEntries` are buffered. The unit manifest is written last.
    final class Collector: BarrierCollector {
        let stage: MinHashDedup
        let unit: Int
        let context: TaskContext
        let hasher: MinHasher
        let shingler: Shingler
        var signature: [UInt32]
        var entries: [[KeyPair]]
        var buffered = 0
        var runs = 0
        var signed = 0
        var signatures: AtomicFileWriter?
        var ids: AtomicFileWriter?
        /// With exact verification: every signed document's shingle values (``ShingleSetStore``).
        var shingles: AtomicFileWriter?
        var shingleIndex: AtomicFileWriter?
        var shingleBytes: UInt64 = 0
        var shingleBuffer: [UInt32] = []
        var record = BinaryWriter()

        init(stage: MinHashDedup, unit: Int, context: TaskContext) throws {
            self.stage = stage
            self.unit = unit
            self.context = context
            hasher = MinHasher(shape: stage.shape, seed: stage.seed)
            shingler = hasher.makeShingler(mode: stage.mode, ngram: stage.ngram, foldDigits: stage.foldDigits)
            signature = Array(repeating: 0, count: stage.shape.hashes)
            entries = Array(repeating: [], count: stage.bands)
        }

        func observe(_ document: Document) throws {
            let count = shingler.shingle(document.text)
            guard count > 0 else { return }
            guard signed < Int(UInt32.max) else {
                throw WinnowError(.recordTooLarge, "stage '\(stage.label)': more than 2^32 documents in one input", at: document.origin.location, scope: .task)
            }
            signature.withUnsafeMutableBufferPointer {
                hasher.signature(of: shingler.values, count: count, into: $0.baseAddress!)
            }
            let key = MinHashDedup.runKey(unit: unit, position: UInt64(signed))
            signature.withUnsafeBufferPointer { sig in
                for band in 0..<stage.bands {
                    entries[band].append(KeyPair(first: hasher.bandKey(sig.baseAddress!, band: band), second: key))
                }
            }
            buffered += stage.bands

            if signatures == nil {
                for directory in ["signatures", "ids"] + (stage.verification == .exact ? ["shingles", "shingle-index"] : []) {
                    try FileSystem.createDirectory("\(stage.directory(context))/collect/\(directory)")
                }
                signatures = try AtomicFileWriter(path: stage.signaturesFile(context, unit: unit))
                ids = try AtomicFileWriter(path: stage.idsFile(context, unit: unit))
                if stage.verification == .exact {
                    shingles = try AtomicFileWriter(path: stage.shinglesFile(context, unit: unit))
                    shingleIndex = try AtomicFileWriter(path: stage.shingleIndexFile(context, unit: unit))
                }
            }
            if let shingles, let shingleIndex {
                // The values as they come (duplicates included); the cluster phase sorts the few it reads.
                if shingleBuffer.count < count { shingleBuffer = Array(repeating: 0, count: max(count, 2 * shingleBuffer.count)) }
                let values = shingler.values
                try shingleBuffer.withUnsafeMutableBufferPointer { buffer in
                    for index in 0..<count { buffer[index] = UInt32(truncatingIfNeeded: values[index]).littleEndian }
                    try shingles.write(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count * 4))
                }
                record.bytes.removeAll(keepingCapacity: true)
                record.append(shingleBytes)
                record.append(UInt32(count))
                try shingleIndex.write(record.bytes)
                shingleBytes += UInt64(count * 4)
            }
            record.bytes.removeAll(keepingCapacity: true)
            record.append(UInt64(document.origin.ordinal))
            record.append(MinHashDedup.score(document, path: stage.scoreAttribute).bitPattern)
            for value in signature { record.append(value) }
            try signatures!.write(record.bytes)
            record.bytes.removeAll(keepingCapacity: true)
            record.append(document.id)
            try ids!.write(record.bytes)
            signed += 1
            if buffered >= stage.spillEntries { try spill() }
        }

        /// Sorts the buffered entries of each band and writes them as one more run.
        func spill() throws {
            guard buffered > 0 else { return }
            for band in 0..<stage.bands {
                entries[band].sort()
                var writer = BinaryWriter()
                writer.bytes.reserveCapacity(entries[band].count * 16)
                for entry in entries[band] { entry.append(to: &writer) }
                try FileSystem.createDirectory(stage.runsDirectory(context, band: band))
                try FileSystem.writeFileAtomically(stage.runFile(context, band: band, unit: unit, run: runs), writer.bytes)
                entries[band].removeAll(keepingCapacity: true)
            }
            runs += 1
            buffered = 0
        }

        func commit() throws {
            try spill()
            try signatures?.commit()
            try ids?.commit()
            try shingles?.commit()
            try shingleIndex?.commit()
            try FileSystem.createDirectory(stage.unitsDirectory(context))
            try FileSystem.writeFileAtomically(
                "\(stage.unitsDirectory(context))/\(MinHashDedup.unitName(unit)).bin",
                UnitManifest(runs: runs, signed: signed).encoded())
        }
    }
}
