public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Splits the run's reward pool among labelers and data contributors and writes `<run>/ledger.json` and
/// `<run>/ledger.csv` (see ``RewardLedger`` for the rules). Place it just before the writer, so that the
/// documents it sees are exactly the ones kept.
///
/// * *Collect*: per document, its contributor (``contributor`` rule), its weight (1 when unset) and the
///   copies deduplication folded into it (`attributes[l]["copies"]` or `["cluster_size"]` for each label `l`
///   in ``dedupLabels``, minus one).
/// * *Global* (`ledger`, one unit): sums per contributor in input order, reads the labeler table of the
///   consensus stage ``consensusLabel`` (`work/stages/<label>/labelers.json`), splits both pools and writes
///   the ledger, plus `weights.json` (the distribution of the kept documents' weights) in its stage directory.
/// * *Apply*: keeps every document unchanged.
public struct RewardLedgerStage: BarrierStage {
    public static let identifier: StageIdentifier = "ledger.rewards@1"

    public var label: String
    /// Micro-units paid to labelers.
    public var labelerPool: Int64
    /// Micro-units paid to data contributors.
    public var contributorPool: Int64
    public var contributor: ContributorRule
    /// The label of the ``ConsensusStage`` whose labelers are paid; nil when no labels are involved.
    public var consensusLabel: String?
    public var dedupLabels: [String]

    public init(
        labelerPool: Int64, contributorPool: Int64, contributor: ContributorRule = ContributorRule(),
        consensusLabel: String? = "consensus", dedupLabels: [String] = ["dedup.exact", "dedup.minhash"], label: String = "ledger"
    ) {
        self.label = label
        self.labelerPool = labelerPool
        self.contributorPool = contributorPool
        self.contributor = contributor
        self.consensusLabel = consensusLabel
        self.dedupLabels = dedupLabels
    }

    public func validate() throws {
        guard labelerPool >= 0, contributorPool >= 0 else { throw invalid("pools must not be negative") }
        if labelerPool > 0 && consensusLabel == nil { throw invalid("a labeler pool needs consensusLabel") }
        if contributor.metadataField == nil && !contributor.useSource { throw invalid("the contributor rule names no field and no source") }
    }

    public var globalPhases: [GlobalPhase] { [GlobalPhase(name: "ledger", units: 1)] }

    public func makeCollector(unit: Int, context: TaskContext) throws -> any BarrierCollector {
        Collector(stage: self, path: "\(context.stageDirectory(label))/collect/\(unitFileName(unit))")
    }

    struct Collector: BarrierCollector {
        let stage: RewardLedgerStage
        let path: String
        var out = BinaryOut()

        mutating func observe(_ document: Document) throws {
            out.string(stage.contributor.contributor(of: document))
            if let weight = document.weight, weight.isFinite {
                out.u8(1)
                out.f64(weight)
            } else {
                out.u8(0)
                out.f64(1)
            }
            var absorbed: Int64 = 0
            for name in stage.dedupLabels {
                guard let record = document.attributes[name]?.objectValue else { continue }
                if let copies = (record["copies"] ?? record["cluster_size"])?.int64Value, copies > 1 { absorbed += copies - 1 }
            }
            out.i64(absorbed)
        }

        mutating func commit() throws {
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: path))
            try FileSystem.writeFileAtomically(path, out.bytes)
        }
    }

    public func runGlobal(phase: String, unit: Int, context: TaskContext) throws {
        guard phase == "ledger", unit == 0 else {
            throw WinnowError(.internalInconsistency, "stage \(label) has no phase '\(phase)' unit \(unit)", scope: .task)
        }
        let root = context.stageDirectory(label)
        var totals: [String: (documents: Int64, absorbed: Int64, weight: Double)] = [:]
        var weights: [Double?] = []
        let collectDirectory = "\(root)/collect"
        if try FileSystem.isDirectory(collectDirectory) {
            for number in unitNumbers(try FileSystem.contentsOfDirectory(collectDirectory)) {
                let path = "\(collectDirectory)/\(unitFileName(number))"
                var input = BinaryIn(bytes: try FileSystem.readFile(path), path: path)
                while !input.isAtEnd {
                    let id = try input.string()
                    let hasWeight = try input.u8() == 1
                    let weight = try input.f64()
                    let absorbed = try input.i64()
                    weights.append(hasWeight ? weight : nil)
                    var entry = totals[id] ?? (0, 0, 0)
                    entry.documents += 1
                    entry.absorbed += absorbed
                    entry.weight += weight
                    totals[id] = entry
                }
            }
        }
        var labelers: [LabelerReport] = []
        if let consensusLabel {
            let path = "\(context.stageDirectory(consensusLabel))/labelers.json"
            guard try FileSystem.fileExists(path) else {
                throw WinnowError(.invalidPlan, "stage \(label): no labeler table at \(path); is '\(consensusLabel)' a consensus stage before this one?", scope: .run)
            }
            labelers = try JSONCoding.decode(LabelerTable.self, from: try FileSystem.readFile(path)).labelers
        }
        let ledger = RewardLedger.compute(
            labelerPool: labelerPool, contributorPool: contributorPool, labelers: labelers,
            contributors: totals.map { (id: $0.key, documents: $0.value.documents, duplicatesAbsorbed: $0.value.absorbed, weight: $0.value.weight) },
            weights: WeightSummary(weights))
        try FileSystem.createDirectory(root)
        try FileSystem.writeFileAtomically("\(root)/weights.json", try JSONCoding.prettyBytes(ledger.weights))
        try FileSystem.writeFileAtomically("\(context.runDirectory)/ledger.json", try JSONCoding.prettyBytes(ledger))
        try FileSystem.writeFileAtomically("\(context.runDirectory)/ledger.csv", ledger.csv())
    }

    public func makeApplier(unit: Int, context: TaskContext) throws -> any DocumentProcessor { PassThrough() }

    struct PassThrough: DocumentProcessor {
        mutating func process(_ document: inout Document) throws -> Decision { .keep }
    }
}
