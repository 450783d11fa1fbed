public import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import Logging

/// Attaches labeler consensus and a training weight to documents.
///
/// * *Collect*: each input unit's documents are recorded as `(ordinal, id, quality score)` (the score read
///   with ``weight``'s `qualityPath`, so a quality stage must come before this one).
/// * *Global* (`aggregate`, one unit): reads the ``labels`` files, accepting only labels of items among the
///   collected document ids; bad label lines (malformed, unknown item, unknown class, duplicate pair) are
///   written with file, line and reason to `work/stages/<label>/label-problems.jsonl` and counted in
///   `summary.json` (with `--fail-fast`, the first one stops the run). Runs the aggregation method and
///   computes every document's weight; writes `summary.json` (counts, iterations, class prior, the weight
///   distribution), `labelers.json` / `labelers.csv` (the labeler table) and `items.csv` (the consensus per
///   labeled item) to the stage directory.
/// * *Apply*: sets `attributes[label] = {"label", "confidence", "posterior": {class: p}, "labels": n}` on
///   labeled documents (`{"labels": 0}` on the others) and `document.weight` when ``weight`` is set.
///   No document is dropped.
///
/// The label files are configuration, not inputs: changing their content does not change the plan's
/// fingerprint, so rerun into a fresh output directory after editing them.
public struct ConsensusStage: BarrierStage {
    public static let identifier: StageIdentifier = "consensus.labels@1"

    public var label: String
    /// Label files (CSV or JSON Lines, see ``LabelReader``), read in this order.
    public var labels: [String]

    /// The label files are configuration: their digests go into the run's `config-files.json`.
    public var configurationFiles: [String] { labels }
    public var classes: LabelSet
    public var options: ConsensusOptions
    public var duplicates: LabelReader.Duplicates
    /// How to weight documents; nil leaves `document.weight` alone.
    public var weight: RewardWeightRule?
    /// Label lines longer than this are quarantined (`record-too-large`). See ``LabelReader/maxLineBytes``.
    public var maxLineBytes: Int
    /// Label rows past this many for one item are quarantined (`limit-exceeded`). See
    /// ``LabelReader/maxLabelsPerItem``.
    public var maxLabelsPerItem: Int

    public init(
        labels: [String], classes: LabelSet, options: ConsensusOptions = ConsensusOptions(),
        duplicates: LabelReader.Duplicates = .reject, weight: RewardWeightRule? = RewardWeightRule(),
        maxLineBytes: Int = LabelReader.defaultMaxLineBytes, maxLabelsPerItem: Int = LabelReader.defaultMaxLabelsPerItem,
        label: String = "consensus"
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxLabelsPerItem = maxLabelsPerItem
        self.label = label
        self.labels = labels
        self.classes = classes
        self.options = options
        self.duplicates = duplicates
        self.weight = weight
    }

    public func validate() throws {
        guard !labels.isEmpty else { throw invalid("no label files") }
        do { try classes.validate() } catch let error as WinnowError { throw invalid(error.message) }
        if let problem = options.problem { throw invalid(problem) }
        if let problem = weight?.problem(classes: classes) { throw invalid(problem) }
        if let problem = reader(knownItems: nil).problem { throw invalid(problem) }
    }

    public var globalPhases: [GlobalPhase] { [GlobalPhase(name: "aggregate", units: 1)] }

    func reader(knownItems: [String]?) -> LabelReader {
        LabelReader(
            classes: classes, knownItems: knownItems, duplicates: duplicates, maxLineBytes: maxLineBytes,
            maxLabelsPerItem: maxLabelsPerItem)
    }

    func directory(_ context: TaskContext) -> String { context.stageDirectory(label) }

    // MARK: Collect

    public func makeCollector(unit: Int, context: TaskContext) throws -> any BarrierCollector {
        Collector(path: "\(directory(context))/collect/\(unitFileName(unit))", rule: weight)
    }

    struct Collector: BarrierCollector {
        let path: String
        let rule: RewardWeightRule?
        var out = BinaryOut()

        mutating func observe(_ document: Document) throws {
            out.u64(UInt64(document.origin.ordinal))
            out.string(document.id)
            let quality = rule?.quality(in: document.attributes) ?? (nil, .absent)
            out.u8(quality.status == .present ? 1 : (quality.status == .absent ? 0 : 2))
            out.f64(quality.score ?? 0)
        }

        mutating func commit() throws {
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: path))
            try FileSystem.writeFileAtomically(path, out.bytes)
        }
    }

    // MARK: Global

    /// One collected document.
    struct Collected {
        var unit: Int
        var ordinal: UInt64
        var id: String
        var qualityStatus: UInt8
        var quality: Double
    }

    public func runGlobal(phase: String, unit: Int, context: TaskContext) throws {
        guard phase == "aggregate", unit == 0 else {
            throw WinnowError(.internalInconsistency, "stage \(label) has no phase '\(phase)' unit \(unit)", scope: .task)
        }
        let root = directory(context)
        let collectDirectory = "\(root)/collect"
        var documents: [Collected] = []
        if try FileSystem.isDirectory(collectDirectory) {
            for number in unitNumbers(try FileSystem.contentsOfDirectory(collectDirectory)) {
                let path = "\(collectDirectory)/\(unitFileName(number))"
                var input = BinaryIn(bytes: try FileSystem.readFile(path), path: path)
                while !input.isAtEnd {
                    let ordinal = try input.u64()
                    let id = try input.string()
                    let status = try input.u8()
                    let quality = try input.f64()
                    documents.append(Collected(unit: number, ordinal: ordinal, id: id, qualityStatus: status, quality: quality))
                }
            }
        }
        var known = documents.map(\.id)
        known.sort(by: utf8Precedes)
        known = known.enumerated().filter { $0.offset == 0 || known[$0.offset - 1] != $0.element }.map(\.element)

        // Labels, with every bad line quarantined.
        var problems = JSONWriter()
        var logged = 0
        let reader = reader(knownItems: known)
        let data = try reader.read(labels) { problem in
            problems.write(problem.record)
            problems.bytes.append(0x0a)
            if context.failFast {
                throw WinnowError(.failFast, "stopping at the first bad label line (--fail-fast): \(problem.error)", at: problem.error.location, scope: .run)
            }
            if logged < 20 { context.logger.warning("label left out: \(problem.error)") }
            logged += 1
        }
        let result = try ConsensusEngine.run(data, options: options)

        // Weights and per-unit results.
        let K = classes.count
        let good = (weight?.goodClasses ?? []).compactMap { classes.index(of: $0) }
        var weights: [Double?] = []
        weights.reserveCapacity(documents.count)
        var outputs: [Int: BinaryOut] = [:]
        var labeled: Int64 = 0
        var qualityCounts = (present: Int64(0), absent: Int64(0), invalid: Int64(0))
        for document in documents {
            let item = Self.search(result.items, document.id)
            var out = outputs[document.unit] ?? BinaryOut()
            out.u64(document.ordinal)
            out.string(document.id)
            out.i64(Int64(item ?? -1))
            var goodProbability: Double? = nil
            if let item {
                labeled += 1
                out.i64(Int64(data.itemStart[item + 1] - data.itemStart[item]))
                for c in 0..<K { out.f64(result.posteriors[item * K + c]) }
                if !good.isEmpty { goodProbability = good.reduce(0) { $0 + result.posteriors[item * K + $1] } }
            }
            switch document.qualityStatus {
            case 1: qualityCounts.present += 1
            case 2: qualityCounts.invalid += 1
            default: qualityCounts.absent += 1
            }
            if let rule = weight {
                let value = rule.weight(quality: document.qualityStatus == 1 ? document.quality : nil, good: goodProbability)
                out.u8(1)
                out.f64(value)
                weights.append(value)
            } else {
                out.u8(0)
                weights.append(nil)
            }
            outputs[document.unit] = out
        }
        let results = "\(root)/result"
        if try FileSystem.isDirectory(results) { try FileSystem.removeItem(results, recursive: true) }
        try FileSystem.createDirectory(results)
        for unit in outputs.keys.sorted() {
            try FileSystem.writeFileAtomically("\(results)/\(unitFileName(unit))", outputs[unit]!.bytes)
        }

        // Reports.
        var classCounts = Array(repeating: Int64(0), count: K)
        for t in result.items.indices { classCounts[result.labels[t]] += 1 }
        let summary = ConsensusSummary(
            stage: Self.identifier.description, method: options.method.rawValue, labelFiles: labels,
            classes: classes.classes, documents: Int64(documents.count), labeledDocuments: labeled,
            labeledItems: Int64(result.items.count), labelers: Int64(result.labelers.count),
            labelLines: data.counts.lines, labelsAccepted: data.counts.accepted, labelProblems: data.counts.problems,
            duplicatesKept: data.counts.duplicatesKept, iterations: result.iterations, converged: result.converged,
            priors: result.priors, consensusCounts: classCounts,
            spammers: Int64(result.labelers.filter(\.spammer).count),
            adversarial: Int64(result.labelers.filter(\.adversarial).count),
            weightRule: weight, qualityPresent: qualityCounts.present, qualityAbsent: qualityCounts.absent,
            qualityInvalid: qualityCounts.invalid, weights: WeightSummary(weights))
        try FileSystem.writeFileAtomically("\(root)/label-problems.jsonl", problems.bytes)
        try FileSystem.writeFileAtomically("\(root)/summary.json", try JSONCoding.prettyBytes(summary))
        try FileSystem.writeFileAtomically("\(root)/labelers.json", try JSONCoding.prettyBytes(LabelerTable(classes: classes.classes, priors: result.priors, labelers: result.labelers)))
        try FileSystem.writeFileAtomically("\(root)/labelers.csv", ConsensusCSV.labelers(result))
        try FileSystem.writeFileAtomically("\(root)/items.csv", ConsensusCSV.items(result, posteriors: true))
    }

    /// The index of `id` in `sorted` (UTF-8 byte order), or nil.
    static func search(_ sorted: [String], _ id: String) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if utf8Precedes(sorted[middle], id) { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == id && Array(sorted[low].utf8) == Array(id.utf8) ? low : nil
    }

    // MARK: Apply

    public func makeApplier(unit: Int, context: TaskContext) throws -> any DocumentProcessor {
        let path = "\(directory(context))/result/\(unitFileName(unit))"
        var rows: [Row] = []
        if try FileSystem.fileExists(path) {
            var input = BinaryIn(bytes: try FileSystem.readFile(path), path: path)
            while !input.isAtEnd {
                var row = Row(ordinal: try input.u64(), id: try input.string(), item: try input.i64(), labels: 0, posterior: [], weight: nil)
                if row.item >= 0 {
                    row.labels = try input.i64()
                    row.posterior = try (0..<classes.count).map { _ in try input.f64() }
                }
                if try input.u8() == 1 { row.weight = try input.f64() }
                rows.append(row)
            }
        }
        return Applier(label: label, classes: classes, setsWeight: weight != nil, rows: rows)
    }

    struct Row {
        var ordinal: UInt64
        var id: String
        var item: Int64
        var labels: Int64
        var posterior: [Double]
        var weight: Double?
    }

    struct Applier: DocumentProcessor {
        let label: String
        let classes: LabelSet
        let setsWeight: Bool
        let rows: [Row]
        var next = 0

        mutating func process(_ document: inout Document) throws -> Decision {
            let ordinal = UInt64(document.origin.ordinal)
            while next < rows.count, rows[next].ordinal < ordinal { next += 1 }
            guard next < rows.count, rows[next].ordinal == ordinal, rows[next].id == document.id else {
                throw WinnowError(.internalInconsistency, "stage \(label) has no consensus result for document '\(document.id)'", at: document.origin.location, scope: .task)
            }
            let row = rows[next]
            if row.item >= 0 {
                var best = 0
                for c in 1..<row.posterior.count where row.posterior[c] > row.posterior[best] { best = c }
                var posterior = JSONObject()
                for (c, name) in classes.classes.enumerated() { posterior[name] = .number(JSONNumber(row.posterior[c])) }
                document.attributes[label] = .object([
                    "label": .string(classes.classes[best]),
                    "confidence": .number(JSONNumber(row.posterior[best])),
                    "posterior": .object(posterior),
                    "labels": .number(JSONNumber(row.labels)),
                ])
            } else {
                document.attributes[label] = .object(["labels": .number(JSONNumber(0))])
            }
            if setsWeight, let weight = row.weight { document.weight = weight }
            return .keep
        }
    }
}

/// `summary.json` of a ``ConsensusStage``.
struct ConsensusSummary: Codable {
    var stage: String
    var method: String
    var labelFiles: [String]
    var classes: [String]
    var documents: Int64
    var labeledDocuments: Int64
    var labeledItems: Int64
    var labelers: Int64
    var labelLines: Int64
    var labelsAccepted: Int64
    var labelProblems: [String: Int64]
    var duplicatesKept: Int64
    var iterations: Int
    var converged: Bool
    var priors: [Double]
    var consensusCounts: [Int64]
    var spammers: Int64
    var adversarial: Int64
    var weightRule: RewardWeightRule?
    var qualityPresent: Int64
    var qualityAbsent: Int64
    var qualityInvalid: Int64
    var weights: WeightSummary
}

/// `labelers.json`: what the ledger reads to pay labelers.
public struct LabelerTable: Sendable, Codable {
    public var classes: [String]
    public var priors: [Double]
    public var labelers: [LabelerReport]
}
