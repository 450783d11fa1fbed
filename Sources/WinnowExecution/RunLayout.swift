/// Where everything lives in a run's output directory.
///
/// ```
/// DIR/plan.json        the plan that made the run (its fingerprint guards resumes)
/// DIR/inputs.json      the sorted input list, with sizes
/// DIR/stats.json       merged statistics of every task
/// DIR/shards/          the output shards
/// DIR/rejects/         records that could not be read, with the reason (JSON Lines, one file per input)
/// DIR/dropped/         documents dropped by stages, with stage, reason and origin (zstd JSON Lines)
/// DIR/work/            intermediate parts, completion markers, per-task stats, stage work files
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
    public var statsFile: String { "\(root)/stats.json" }
    public var shardsDirectory: String { "\(root)/shards" }
    public var rejectsDirectory: String { "\(root)/rejects" }
    public var droppedDirectory: String { "\(root)/dropped" }
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

    public func rejectsFile(unit: Int) -> String { "\(rejectsDirectory)/\(Self.unitName(unit)).jsonl" }

    public func droppedFile(segment: Int, unit: Int) -> String {
        "\(droppedDirectory)/segment-\(segment)/\(Self.unitName(unit)).jsonl.zst"
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
