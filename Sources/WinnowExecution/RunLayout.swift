/// Where everything lives in a run's output directory.
///
/// ```
/// DIR/manifest.json    the signed provenance manifest (docs/provenance.md)
/// DIR/plan.json        the plan that made the run (its fingerprint guards resumes)
/// DIR/inputs.json      the sorted input list, with sizes
/// DIR/stats.json       merged statistics of every task
/// DIR/shards/          the output shards
/// DIR/lineage/         one record per input document, kept or dropped, with an index by id
/// DIR/rejects/         records that could not be read, with the reason (JSON Lines, one file per input)
/// DIR/work/            intermediate parts, drop logs, completion markers, per-task stats, stage files
/// ```
public struct RunLayout: Sendable {
    public let root: String

    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    public var planFile: String { "\(root)/plan.json" }
    public var inputsFile: String { "\(root)/inputs.json" }
    /// The stages' configuration files with their sizes and SHA-256 (``ConfigurationFile``).
    public var configurationFilesFile: String { "\(root)/config-files.json" }
    public var statsFile: String { "\(root)/stats.json" }
    public var shardsDirectory: String { "\(root)/shards" }
    public var rejectsDirectory: String { "\(root)/rejects" }
    public var lineageDirectory: String { "\(root)/lineage" }
    /// The flock that keeps two runs out of one directory.
    public var lockFile: String { "\(root)/.winnow.lock" }
    public var manifestFile: String { "\(root)/manifest.json" }
    public var manifestChecksumFile: String { "\(root)/manifest.sha256" }
    public var croissantFile: String { "\(root)/croissant.json" }
    public var runInfoFile: String { "\(workDirectory)/run.json" }
    public var lineageIndexFile: String { "\(lineageDirectory)/index.bin" }
    public var leavesFile: String { "\(lineageDirectory)/leaves.bin" }

    /// The final lineage of input unit `unit` (independently decodable zstd frames of JSON lines).
    public func lineageFile(unit: Int) -> String { "\(lineageDirectory)/\(Self.unitName(unit)).jsonl.zst" }
    /// Index entries of `unit`'s lineage, merged into the run's index at the end.
    public func lineageIndexPart(unit: Int) -> String { "\(workDirectory)/lineage-index/\(Self.unitName(unit)).bin" }
    /// Merkle leaf hashes of `unit`'s kept documents, in shard order.
    public func leavesPart(unit: Int) -> String { "\(workDirectory)/merkle/\(Self.unitName(unit)).leaves" }
    /// SHA-256 of input `unit`, recorded by the task that read it.
    public func inputHashFile(unit: Int) -> String { "\(workDirectory)/input-hashes/\(Self.unitName(unit)).sha256" }
    /// Kept documents of the last segment (lineage before shard and line are known).
    public func keptFile(segment: Int, unit: Int) -> String {
        "\(workDirectory)/segments/\(segment)/\(Self.unitName(unit)).kept.jsonl.zst"
    }
    public var workDirectory: String { "\(root)/work" }
    public var layoutFile: String { "\(workDirectory)/shard-layout.json" }

    static func number(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func unitName(_ unit: Int) -> String { "unit-\(number(unit, width: 6))" }

    /// Documents that segment `segment` passed on, for input unit `unit`.
    public func partFile(segment: Int, unit: Int) -> String {
        "\(workDirectory)/segments/\(segment)/\(Self.unitName(unit)).jsonl.zst"
    }

    /// Line sizes (little-endian UInt32, newline included) of the final segment's part of `unit`.
    public func sizesFile(segment: Int, unit: Int) -> String {
        "\(workDirectory)/segments/\(segment)/\(Self.unitName(unit)).sizes"
    }

    /// The weight distribution (``WeightDistribution``) of the final segment's part of `unit`.
    public func weightsFile(segment: Int, unit: Int) -> String {
        "\(workDirectory)/segments/\(segment)/\(Self.unitName(unit)).weights.json"
    }

    public func rejectsFile(unit: Int) -> String { "\(rejectsDirectory)/\(Self.unitName(unit)).jsonl" }

    /// Documents dropped (or skipped) in segment `segment` of input `unit`.
    public func droppedFile(segment: Int, unit: Int) -> String {
        "\(workDirectory)/segments/\(segment)/\(Self.unitName(unit)).dropped.jsonl.zst"
    }

    static func safePhase(_ phase: String) -> String {
        String(phase.map { $0 == "/" ? "~" : $0 })
    }

    public func markerFile(phase: String, rank: Int, worldSize: Int) -> String {
        "\(workDirectory)/markers/\(Self.safePhase(phase))/rank-\(Self.number(rank, width: 5))-of-\(Self.number(worldSize, width: 5)).done"
    }

    public func taskStatsFile(phase: String, rank: Int, worldSize: Int) -> String {
        "\(workDirectory)/stats/\(Self.safePhase(phase))/rank-\(Self.number(rank, width: 5))-of-\(Self.number(worldSize, width: 5)).json"
    }
}
