internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

extension MinHashDedup {
    /// What the cluster phase found, written to `work/stages/<label>/summary.json`.
    public struct Summary: Codable, Sendable, Equatable {
        /// Distinct LSH candidate pairs over all bands.
        public var candidatePairs: Int
        /// Pairs that passed verification (all candidates without verification).
        public var verifiedPairs: Int
        /// Clusters of two or more documents.
        public var clusters: Int
        /// Documents in those clusters (including index documents).
        public var documentsInClusters: Int
        /// Documents of this run that are dropped.
        public var dropped: Int
        /// Index batches the run was compared with.
        public var indexBatches: Int
        /// Shingle-set comparisons under exact verification (candidate pairs plus the lineage of dropped
        /// documents); pairs with an index document that has no shingles on disk fall back to the estimate.
        public var exactComparisons: Int
    }

    /// Reads the summary of a finished run.
    public func summary(runDirectory: String) throws -> Summary {
        let path = "\(runDirectory)/work/stages/\(label)/summary.json"
        return try JSONCoding.decode(Summary.self, from: try FileSystem.readFile(path))
    }

    /// One row of a unit's decisions.
    struct DecisionRow {
        var ordinal: UInt64
        var drop: Bool
        /// Whether `jaccard` is the exact similarity of the shingle sets (else the signature estimate).
        var exact: Bool
        var clusterSize: UInt32
        var jaccard: Double
        var clusterID: String
        var keptID: String

        func append(to writer: inout BinaryWriter) {
            writer.append(ordinal)
            writer.append(UInt32(drop ? 1 : 0) | UInt32(exact ? 2 : 0))
            writer.append(clusterSize)
            writer.append(jaccard.bitPattern)
            writer.append(clusterID)
            writer.append(keptID)
        }

        static func read(_ reader: inout BinaryReader) throws -> DecisionRow {
            let ordinal = try reader.uint64()
            let flags = try reader.uint32()
            return DecisionRow(
                ordinal: ordinal, drop: flags & 1 != 0, exact: flags & 2 != 0, clusterSize: try reader.uint32(),
                jaccard: Double(bitPattern: try reader.uint64()), clusterID: try reader.string(), keptID: try reader.string())
        }
    }

    /// The documents that appear in candidate pairs, with what the cluster phase needs of them.
    struct Nodes {
        let hashes: Int
        var keys: [UInt64]
        var signatures: [UInt32]
        var ordinals: [UInt64]
        var scores: [Double]
        var ids: [String]
        /// Under exact verification, where each node's shingle values are (``ShingleLocation/missing`` when
        /// its index batch has none).
        var shingles: [ShingleLocation]

        init(keys: [UInt64], hashes: Int) {
            self.hashes = hashes
            self.keys = keys
            signatures = Array(repeating: 0, count: keys.count * hashes)
            ordinals = Array(repeating: 0, count: keys.count)
            scores = Array(repeating: 0, count: keys.count)
            ids = Array(repeating: "", count: keys.count)
            shingles = []
        }

        func index(of key: UInt64) -> Int {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low
        }

        func jaccard(_ a: Int, _ b: Int) -> Double {
            signatures.withUnsafeBufferPointer {
                MinHasher.estimatedJaccard($0.baseAddress! + a * hashes, $0.baseAddress! + b * hashes, count: hashes)
            }
        }
    }

    /// The `cluster` phase (one unit).
    func runCluster(context: TaskContext) throws {
        let index = try self.index.map { try MinHashIndex.open($0, stage: self) }
        let batches = index?.manifest.batches ?? []
        for band in 0..<bands {
            let path = indexBatchesFile(context, band: band)
            var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
            let seen = Int(try reader.uint64())
            guard seen == batches.count else {
                throw WinnowError(
                    .io, "the MinHash index changed while this run used it (\(seen) batches at the band merge, \(batches.count) now); another run published to it. Rerun in a new output directory",
                    at: .init(path: index?.path ?? ""), scope: .run)
            }
        }

        // Distinct candidate pairs, in order.
        var merge = try PairMerge(paths: (0..<bands).map { bandPairsFile(context, band: $0) })
        var pairs: [KeyPair] = []
        while let pair = try merge.next() {
            if pair != pairs.last { pairs.append(pair) }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(pairs.count * 2)
        for pair in pairs {
            keys.append(pair.first)
            keys.append(pair.second)
        }
        keys.sort()
        var unique: [UInt64] = []
        for key in keys where key != unique.last { unique.append(key) }
        var nodes = Nodes(keys: unique, hashes: shape.hashes)
        let store = ShingleSetStore()
        try load(&nodes, store: store, index: index, context: context)

        // Verification and union-find. The root of a set is its smallest node index, so the final sets do
        // not depend on the order in which pairs are joined.
        var parent = Array(0..<nodes.keys.count)
        func find(_ x: Int) -> Int {
            var node = x
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        var verified = 0
        var verifiedPairs: [(a: Int, b: Int, jaccard: Double)] = []
        var similarity = Similarity(nodes: nodes, store: store, exact: verification == .exact)
        for pair in pairs {
            let a = nodes.index(of: pair.first)
            let b = nodes.index(of: pair.second)
            let jaccard = try similarity.jaccard(a, b)
            if verification != .none, jaccard.value < threshold { continue }
            verified += 1
            verifiedPairs.append((a, b, jaccard.value))
            let rootA = find(a)
            let rootB = find(b)
            if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
        }
        var root = [Int](repeating: 0, count: nodes.keys.count)
        var size = [Int](repeating: 0, count: nodes.keys.count)
        for node in nodes.keys.indices {
            root[node] = find(node)
            size[root[node]] += 1
        }
        // Representatives: the root when it is an index document (index documents sort first); else the
        // highest score, the earliest among equals; else the root (the earliest document).
        var representative = Array(nodes.keys.indices)
        if scoreAttribute != nil {
            for node in nodes.keys.indices {
                let cluster = root[node]
                guard size[cluster] > 1, Self.isRunKey(nodes.keys[cluster]) else { continue }
                if nodes.scores[node] > nodes.scores[representative[cluster]] { representative[cluster] = node }
            }
        }

        // Decisions per input unit, and clusters.jsonl.
        var rows: [(unit: Int, row: DecisionRow)] = []
        var members: [(cluster: Int, node: Int)] = []
        var clusters = 0
        var dropped = 0
        for node in nodes.keys.indices {
            let cluster = root[node]
            guard size[cluster] > 1 else { continue }
            members.append((cluster, node))
            if cluster == node { clusters += 1 }
        }
        // Cluster by cluster, so the kept document's shingle set is read once per cluster.
        members.sort { ($0.cluster, $0.node) < ($1.cluster, $1.node) }
        for (cluster, node) in members {
            let kept = representative[cluster]
            let clusterID = Self.clusterID(keptID: nodes.ids[kept])
            guard Self.isRunKey(nodes.keys[node]) else { continue }
            let unit = Self.group(of: nodes.keys[node])
            if node == kept {
                rows.append((unit, DecisionRow(
                    ordinal: nodes.ordinals[node], drop: false, exact: false, clusterSize: UInt32(size[cluster]), jaccard: 1,
                    clusterID: clusterID, keptID: "")))
            } else {
                dropped += 1
                let jaccard = try similarity.jaccard(kept, node)
                rows.append((unit, DecisionRow(
                    ordinal: nodes.ordinals[node], drop: true, exact: jaccard.exact, clusterSize: UInt32(size[cluster]),
                    jaccard: jaccard.value, clusterID: clusterID, keptID: nodes.ids[kept])))
            }
        }
        rows.sort { ($0.unit, $0.row.ordinal) < ($1.unit, $1.row.ordinal) }
        let decisions = decisionsDirectory(context)
        if try FileSystem.isDirectory(decisions) { try FileSystem.removeItem(decisions, recursive: true) }
        try FileSystem.createDirectory(decisions)
        var start = 0
        while start < rows.count {
            var end = start
            var writer = BinaryWriter()
            while end < rows.count, rows[end].unit == rows[start].unit {
                rows[end].row.append(to: &writer)
                end += 1
            }
            try FileSystem.writeFileAtomically(decisionsFile(context, unit: rows[start].unit), writer.bytes)
            start = end
        }

        var lines = JSONWriter()
        for (cluster, node) in members {
            let kept = representative[cluster]
            var object: JSONObject = [
                "id": .string(nodes.ids[node]),
                "cluster": .string(Self.clusterID(keptID: nodes.ids[kept])),
                "kept": .bool(node == kept),
            ]
            if !Self.isRunKey(nodes.keys[node]) { object["index"] = .bool(true) }
            lines.write(.object(object))
            lines.bytes.append(0x0a)
        }
        try FileSystem.writeFileAtomically(clustersFile(runDirectory: context.runDirectory), lines.bytes)

        // The duplicate pairs themselves (after verification), ids in UTF-8 order within and across pairs.
        var named = verifiedPairs.map { a, b, jaccard in
            let (x, y) = (Array(nodes.ids[a].utf8), Array(nodes.ids[b].utf8))
            return x.lexicographicallyPrecedes(y) ? (x, y, jaccard) : (y, x, jaccard)
        }
        named.sort { $0.0 != $1.0 ? $0.0.lexicographicallyPrecedes($1.0) : $0.1.lexicographicallyPrecedes($1.1) }
        var pairLines = JSONWriter()
        for (x, y, jaccard) in named {
            pairLines.write(.object([
                "a": .string(String(decoding: x, as: UTF8.self)), "b": .string(String(decoding: y, as: UTF8.self)),
                "jaccard": .number(JSONNumber(jaccard)),
            ]))
            pairLines.bytes.append(0x0a)
        }
        try FileSystem.writeFileAtomically(pairsFile(runDirectory: context.runDirectory), pairLines.bytes)

        let summary = Summary(
            candidatePairs: pairs.count, verifiedPairs: verified, clusters: clusters,
            documentsInClusters: members.count, dropped: dropped, indexBatches: batches.count,
            exactComparisons: similarity.exactComparisons)
        try FileSystem.writeFileAtomically(summaryFile(context), try JSONCoding.prettyBytes(summary))
    }

    /// Fills in the signatures, ordinals, scores and ids of `nodes`, reading each input unit's (and index
    /// batch's) files sequentially and keeping only the records of nodes.
    func load(_ nodes: inout Nodes, store: ShingleSetStore, index: MinHashIndex?, context: TaskContext) throws {
        let hashes = shape.hashes
        if verification == .exact { nodes.shingles = Array(repeating: .missing, count: nodes.keys.count) }
        var start = 0
        while start < nodes.keys.count {
            let first = nodes.keys[start]
            let isRun = Self.isRunKey(first)
            let group = Self.group(of: first)
            var end = start
            while end < nodes.keys.count, Self.isRunKey(nodes.keys[end]) == isRun, Self.group(of: nodes.keys[end]) == group {
                end += 1
            }
            let signatures: String
            let ids: String
            var shingles: (values: String, index: String)?
            if isRun {
                signatures = signaturesFile(context, unit: group)
                ids = idsFile(context, unit: group)
                if verification == .exact { shingles = (shinglesFile(context, unit: group), shingleIndexFile(context, unit: group)) }
            } else {
                guard let index, group < index.manifest.batches.count else {
                    throw WinnowError(.internalInconsistency, "candidate pair names index batch \(group), which does not exist", scope: .task)
                }
                let batch = index.manifest.batches[group].name
                signatures = index.signaturesFile(batch: batch)
                ids = index.idsFile(batch: batch)
                if verification == .exact, try FileSystem.fileExists(index.shingleIndexFile(batch: batch)) {
                    shingles = (index.shinglesFile(batch: batch), index.shingleIndexFile(batch: batch))
                }
            }
            let shingleFile = shingles.map { store.addFile($0.values) }
            let shingleReader = try shingles.map { try WorkFileReader(path: $0.index) }
            let recordSize = (isRun ? 16 : 0) + 4 * hashes
            let signatureReader = try WorkFileReader(path: signatures)
            let idReader = try WorkFileReader(path: ids)
            var position = 0
            for node in start..<end {
                let target = Self.position(of: nodes.keys[node])
                try signatureReader.skip((target - position) * recordSize)
                for _ in position..<target { try idReader.skip(Int(try idReader.uint32())) }
                if let shingleReader, let shingleFile {
                    try shingleReader.skip((target - position) * 12)
                    let offset = try shingleReader.uint64()
                    let count = try shingleReader.uint32()
                    nodes.shingles[node] = ShingleLocation(file: shingleFile, count: count, offset: offset)
                }
                if isRun {
                    nodes.ordinals[node] = try signatureReader.uint64()
                    nodes.scores[node] = Double(bitPattern: try signatureReader.uint64())
                }
                try nodes.signatures.withUnsafeMutableBufferPointer {
                    try signatureReader.uint32s(into: $0.baseAddress! + node * hashes, count: hashes)
                }
                nodes.ids[node] = try idReader.string()
                position = target + 1
            }
            start = end
        }
    }
}

extension MinHashDedup {
    /// The Jaccard similarity of two candidate documents: exact from their shingle sets when both have them
    /// on disk and exact verification is on, else the signature estimate. Keeps the last two sets read, so
    /// runs of pairs with the same first document (pairs are sorted) read it once.
    struct Similarity {
        let nodes: Nodes
        let store: ShingleSetStore
        let exact: Bool
        private var cached: [(node: Int, set: [UInt32])] = [(-1, []), (-1, [])]
        private var scratch: [UInt32] = []
        /// Pairs compared by their shingle sets.
        private(set) var exactComparisons = 0

        init(nodes: Nodes, store: ShingleSetStore, exact: Bool) {
            self.nodes = nodes
            self.store = store
            self.exact = exact
        }

        mutating func jaccard(_ a: Int, _ b: Int) throws -> (value: Double, exact: Bool) {
            guard exact, !nodes.shingles[a].isMissing, !nodes.shingles[b].isMissing else {
                return (nodes.jaccard(a, b), false)
            }
            exactComparisons += 1
            // Slot 0 holds `a` (the sticky side), slot 1 the last other document.
            if cached[0].node != a {
                if cached[1].node == a { cached.swapAt(0, 1) } else {
                    try store.load(nodes.shingles[a], into: &cached[0].set)
                    cached[0].node = a
                }
            }
            if cached[1].node != b {
                try store.load(nodes.shingles[b], into: &cached[1].set)
                cached[1].node = b
            }
            return (ShingleSetStore.jaccard(cached[0].set, cached[1].set), true)
        }
    }
}
