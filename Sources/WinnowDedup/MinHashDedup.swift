public import WinnowCore

/// Near-duplicate removal with MinHash and locality-sensitive hashing, disk-backed, deterministic and
/// incremental.
///
/// Each document's text is cut into shingles (``ShingleMode``, `ngram` tokens each), hashed into a signature of
/// `bands × rows` minimums (``MinHasher``), and the signature's bands are keyed. Two documents that share a band
/// key are a candidate pair (the S-curve math is in ``LSHShape``); with ``Verification/exact`` (the default) a
/// candidate is kept only when the Jaccard similarity of the two shingle sets reaches `threshold`, with
/// ``Verification/signature`` when the fraction of equal signature slots (the estimated Jaccard similarity)
/// does. Candidate pairs are joined into clusters (union-find); each cluster keeps one representative
/// and drops the rest with reason `near_duplicate`.
///
/// **Which document survives.** The representative of a cluster is, in order: a document of the `index` (one
/// kept by an earlier run; the earliest batch, then the earliest in it); else, when `scoreAttribute` is set,
/// the document with the highest score; else (and among equal scores) the earliest document in the global
/// document order (input file order, then record order). So the same documents survive at any worker count.
///
/// **Lineage.** A dropped document's detail names the kept document, their Jaccard similarity (exact under
/// ``Verification/exact``, else estimated) and
/// the cluster id (the first 16 hex digits of the XXH3-64 of the kept document's id); a kept document of a
/// cluster of two or more gets `attributes[label] = {"cluster": id, "cluster_size": n}`. The cluster phase
/// also writes `work/stages/<label>/clusters.jsonl` (one line per member, see ``clustersFile(runDirectory:)``).
///
/// **Phases** (the work units are bands or fixed counts, never the worker count):
/// 1. *collect* (per input unit): signatures and ids to `signatures/`, `ids/`; band entries `(key, doc)`
///    sorted into runs per band (spilled every `spillEntries` entries, so memory per task is bounded).
/// 2. `bands` (one unit per band): a k-way merge of that band's runs (and of the index's band file) emits the
///    candidate pairs of each bucket: every pair for buckets of up to ``allPairsBucketLimit`` documents, each
///    member with the bucket's first and with its predecessor for larger ones (which links the bucket in
///    O(n) pairs).
/// 3. `cluster` (one unit): merges the bands' sorted pair files, loads the signatures of the documents in
///    pairs only (and, under exact verification, the shingle sets of the two documents of each pair, one pair at
///    a time), verifies, runs union-find and writes the decisions per input unit. Memory: the candidate
///    pairs and the signatures of candidate documents, not the corpus.
/// 4. with `index`: `index-write` (one unit per band, plus one for signatures) and `index-publish` (one unit)
///    append this run's kept documents to the index as a new batch (see ``MinHashIndex``).
/// 5. *apply* (per input unit, next segment): drops and annotates documents from the decisions.
public struct MinHashDedup: BarrierStage {
    public static let identifier: StageIdentifier = "dedup.minhash@1"

    /// How candidate pairs are checked before they join a cluster.
    public enum Verification: String, Sendable, Codable, CaseIterable {
        /// Every LSH candidate pair is a duplicate (the raw S-curve).
        case none
        /// A candidate is a duplicate when its estimated Jaccard similarity (equal slots of the full
        /// signatures) is at least `threshold` — what rensa and datasketch call "LSH + check".
        case signature
        /// A candidate is a duplicate when the exact Jaccard similarity of the two documents' shingle sets is
        /// at least `threshold`. The collect phase writes every document's shingle values to disk (4 bytes per
        /// shingle) and the cluster phase reads those of candidate documents (``ShingleSetStore``). Against
        /// index batches written without exact verification it falls back to ``signature``.
        case exact
    }

    public var label: String
    /// Tokens per shingle.
    public var ngram: Int
    public var bands: Int
    public var rows: Int
    /// The seed of every hash and permutation (recorded in the plan; change it only with a new index).
    public var seed: UInt64
    public var mode: ShingleMode
    /// Map every decimal digit (of any script) to `0` before shingling, so texts that differ only in numbers
    /// match. Off by default: the benchmark's ground truth keeps digits.
    public var foldDigits: Bool
    public var verification: Verification
    /// The Jaccard similarity a candidate pair needs: estimated under ``Verification/signature``, exact under
    /// ``Verification/exact``.
    public var threshold: Double
    /// A dotted path (for example `quality.score`) into `attributes`, or else `metadata`, holding a number: in
    /// a cluster the document with the highest value is kept. Documents without a number there rank lowest.
    public var scoreAttribute: String?
    /// A directory holding the MinHash index of earlier runs (created when missing): this run's documents are
    /// also compared with the index's, and its kept documents are appended to it as a new batch.
    public var index: String?
    /// Band entries a collect task buffers before it spills sorted runs (16 bytes each).
    public var spillEntries: Int

    /// Buckets up to this size emit all their pairs; larger ones a linking set.
    public static let allPairsBucketLimit = 32

    public init(
        ngram: Int = 5, bands: Int = 14, rows: Int = 8, seed: UInt64 = 1, mode: ShingleMode = .words,
        foldDigits: Bool = false, verification: Verification = .exact, threshold: Double = 0.8,
        scoreAttribute: String? = nil, index: String? = nil, spillEntries: Int = 1 << 22,
        label: String = "dedup.minhash"
    ) {
        self.label = label
        self.ngram = ngram
        self.bands = bands
        self.rows = rows
        self.seed = seed
        self.mode = mode
        self.foldDigits = foldDigits
        self.verification = verification
        self.threshold = threshold
        self.scoreAttribute = scoreAttribute
        self.index = index
        self.spillEntries = spillEntries
    }

    public var shape: LSHShape { LSHShape(bands: bands, rows: rows) }

    public func validate() throws {
        guard !label.isEmpty else { throw invalid("label is empty") }
        guard (1...64).contains(ngram) else { throw invalid("ngram \(ngram) is not within 1...64") }
        guard (1...512).contains(bands) else { throw invalid("bands \(bands) is not within 1...512") }
        guard (1...64).contains(rows) else { throw invalid("rows \(rows) is not within 1...64") }
        guard bands * rows <= 1024 else { throw invalid("bands × rows = \(bands * rows) is more than 1024 hashes") }
        guard threshold > 0 && threshold <= 1 else { throw invalid("threshold \(threshold) is not within (0, 1]") }
        guard spillEntries >= 1024 else { throw invalid("spillEntries \(spillEntries) is below 1024") }
        if let scoreAttribute {
            guard !scoreAttribute.isEmpty, !scoreAttribute.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
                throw invalid("scoreAttribute '\(scoreAttribute)' is not a dotted path such as 'quality.score'")
            }
        }
        if let index, index.isEmpty { throw invalid("index is an empty path") }
    }

    public var globalPhases: [GlobalPhase] {
        var phases = [GlobalPhase(name: "bands", units: bands), GlobalPhase(name: "cluster", units: 1)]
        if index != nil {
            phases.append(GlobalPhase(name: "index-write", units: bands + 1))
            phases.append(GlobalPhase(name: "index-publish", units: 1))
        }
        return phases
    }

    public func runGlobal(phase: String, unit: Int, context: TaskContext) throws {
        switch phase {
        case "bands": try runBand(unit, context: context)
        case "cluster": try runCluster(context: context)
        case "index-write": try runIndexWrite(unit, context: context)
        case "index-publish": try runIndexPublish(context: context)
        default:
            throw WinnowError(.internalInconsistency, "stage \(label) has no phase '\(phase)'", scope: .task)
        }
    }

    // MARK: Keys and files

    /// Document keys order every document: index documents (`batch << 32 | position`) first, then this run's
    /// (`1 << 63 | input unit << 32 | position among the unit's signed documents`), which is the global order.
    static let runBit: UInt64 = 1 << 63

    static func runKey(unit: Int, position: UInt64) -> UInt64 { runBit | UInt64(unit) << 32 | position }
    static func isRunKey(_ key: UInt64) -> Bool { key & runBit != 0 }
    static func group(of key: UInt64) -> Int { Int((key & ~runBit) >> 32) }
    static func position(of key: UInt64) -> Int { Int(key & 0xffff_ffff) }

    static func name(_ prefix: String, _ number: Int, width: Int) -> String {
        let text = String(number)
        return prefix + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func unitName(_ unit: Int) -> String { name("unit-", unit, width: 6) }
    static func bandName(_ band: Int) -> String { name("band-", band, width: 3) }

    func directory(_ context: TaskContext) -> String { context.stageDirectory(label) }
    func unitsDirectory(_ context: TaskContext) -> String { "\(directory(context))/collect/units" }
    func runsDirectory(_ context: TaskContext, band: Int) -> String { "\(directory(context))/collect/\(Self.bandName(band))" }
    func runFile(_ context: TaskContext, band: Int, unit: Int, run: Int) -> String {
        "\(runsDirectory(context, band: band))/\(Self.unitName(unit))-\(Self.name("", run, width: 4)).bin"
    }
    func signaturesFile(_ context: TaskContext, unit: Int) -> String { "\(directory(context))/collect/signatures/\(Self.unitName(unit)).bin" }
    func idsFile(_ context: TaskContext, unit: Int) -> String { "\(directory(context))/collect/ids/\(Self.unitName(unit)).bin" }
    func shinglesFile(_ context: TaskContext, unit: Int) -> String { "\(directory(context))/collect/shingles/\(Self.unitName(unit)).bin" }
    func shingleIndexFile(_ context: TaskContext, unit: Int) -> String { "\(directory(context))/collect/shingle-index/\(Self.unitName(unit)).bin" }
    func bandPairsFile(_ context: TaskContext, band: Int) -> String { "\(directory(context))/pairs/\(Self.bandName(band)).bin" }
    func indexBatchesFile(_ context: TaskContext, band: Int) -> String { "\(directory(context))/pairs/\(Self.bandName(band)).index" }
    func decisionsDirectory(_ context: TaskContext) -> String { "\(directory(context))/decisions" }
    func decisionsFile(_ context: TaskContext, unit: Int) -> String { "\(decisionsDirectory(context))/\(Self.unitName(unit)).bin" }
    func summaryFile(_ context: TaskContext) -> String { "\(directory(context))/summary.json" }

    /// The `clusters.jsonl` a run writes: one line per member of a cluster of two or more, grouped by cluster
    /// (clusters in the order of their representatives, members in document order):
    /// `{"id": ..., "cluster": ..., "kept": true|false}`, plus `"index": true` for members from the index.
    public func clustersFile(runDirectory: String) -> String {
        "\(runDirectory)/work/stages/\(label)/clusters.jsonl"
    }

    /// The `pairs.jsonl` a run writes: every duplicate pair (after verification) as
    /// `{"a": id, "b": id, "jaccard": estimate}` with `a < b`, sorted by the ids' UTF-8 bytes.
    public func pairsFile(runDirectory: String) -> String {
        "\(runDirectory)/work/stages/\(label)/pairs.jsonl"
    }

    /// The cluster id of a cluster whose representative has id `keptID`.
    static func clusterID(keptID: String) -> String {
        StableHash.hex(StableHash.xxh3(keptID))
    }
}
