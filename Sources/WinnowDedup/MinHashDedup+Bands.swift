internal import WinnowCore
internal import WinnowIO

extension MinHashDedup {
    /// Most files a band merge opens at once; more runs are first merged in groups of this size.
    static let mergeFanIn = 256

    /// The `bands` phase for one band: merges the band's sorted runs (this run's, and the index's band file
    /// of each batch), and writes the sorted, unique candidate pairs of every bucket of two or more documents
    /// in which at least one document is of this run.
    func runBand(_ band: Int, context: TaskContext) throws {
        var paths: [String] = []
        for (unit, manifest) in try unitManifests(context) {
            for run in 0..<manifest.runs { paths.append(runFile(context, band: band, unit: unit, run: run)) }
        }
        let index = try self.index.map { try MinHashIndex.open($0, stage: self) }
        for batch in index?.manifest.batches ?? [] {
            paths.append(index!.bandFile(batch: batch.name, band: band))
        }
        let scratch = "\(directory(context))/merge/\(Self.bandName(band))"
        paths = try reduceRuns(paths, scratch: scratch)

        var pairs: [KeyPair] = []
        var merge = try PairMerge(paths: paths)
        var members: [UInt64] = []
        var bucket: UInt64 = 0
        func flush() {
            defer { members.removeAll(keepingCapacity: true) }
            guard members.count > 1 else { return }
            Self.emitPairs(members, into: &pairs)
        }
        while let entry = try merge.next() {
            if entry.first != bucket || members.isEmpty {
                flush()
                bucket = entry.first
            }
            members.append(entry.second)
        }
        flush()
        pairs.sort()
        var writer = BinaryWriter()
        writer.bytes.reserveCapacity(pairs.count * 16)
        var previous: KeyPair?
        for pair in pairs where pair != previous {
            pair.append(to: &writer)
            previous = pair
        }
        let path = bandPairsFile(context, band: band)
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: path))
        var batches = BinaryWriter()
        batches.append(UInt64(index?.manifest.batches.count ?? 0))
        try FileSystem.writeFileAtomically(indexBatchesFile(context, band: band), batches.bytes)
        try FileSystem.writeFileAtomically(path, writer.bytes)
        if try FileSystem.isDirectory(scratch) { try FileSystem.removeItem(scratch, recursive: true) }
    }

    /// The candidate pairs of one bucket (`members` in key order): all pairs up to
    /// ``allPairsBucketLimit`` members, else each member with the first and with its predecessor. Pairs of two
    /// index documents are left out (earlier runs decided about them).
    static func emitPairs(_ members: [UInt64], into pairs: inout [KeyPair]) {
        if members.count <= allPairsBucketLimit {
            for i in 0..<members.count {
                for j in (i + 1)..<members.count where members[i] != members[j] {
                    if isRunKey(members[i]) || isRunKey(members[j]) {
                        pairs.append(KeyPair(first: members[i], second: members[j]))
                    }
                }
            }
        } else {
            for j in 1..<members.count {
                let partners = j == 1 ? [0] : [0, j - 1]
                for i in partners where members[i] != members[j] {
                    if isRunKey(members[i]) || isRunKey(members[j]) {
                        pairs.append(KeyPair(first: members[i], second: members[j]))
                    }
                }
            }
        }
    }

    /// Merges groups of ``mergeFanIn`` runs into intermediate runs until at most that many are left.
    func reduceRuns(_ runs: [String], scratch: String) throws -> [String] {
        var current = runs
        var level = 0
        while current.count > Self.mergeFanIn {
            try FileSystem.createDirectory(scratch)
            var next: [String] = []
            var start = 0
            while start < current.count {
                let group = Array(current[start..<min(start + Self.mergeFanIn, current.count)])
                let output = "\(scratch)/level-\(level)-\(Self.name("", next.count, width: 6)).bin"
                var merge = try PairMerge(paths: group)
                let writer = try AtomicFileWriter(path: output)
                var buffer = BinaryWriter()
                while let entry = try merge.next() {
                    entry.append(to: &buffer)
                    if buffer.bytes.count >= 1 << 20 {
                        try writer.write(buffer.bytes)
                        buffer.bytes.removeAll(keepingCapacity: true)
                    }
                }
                try writer.write(buffer.bytes)
                try writer.commit()
                next.append(output)
                start += Self.mergeFanIn
            }
            current = next
            level += 1
        }
        return current
    }
}
