internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Per-document figures gathered from a run's lineage files (`lineage/*.jsonl[.zst|.gz]`, one record per
/// input document): status, source, language, every numeric score in `attributes`, categorical consensus
/// labels, duplicate cluster sizes and weights.
///
/// Scores are kept as plain values so histograms can be binned once the range is known: 8 bytes per score
/// per document (a 10-million-document run with five scores holds 400 MB while reading).
struct LineageSummary {
    /// A numeric attribute: `attributes[stage][key]`.
    struct ScoreKey: Hashable {
        var stage: String
        var key: String
    }

    struct SourceCounts {
        var kept: Int64 = 0
        var dropped: Int64 = 0
        var other: Int64 = 0
        var total: Int64 { kept + dropped + other }
    }

    /// The attribute keys that hold duplicate cluster sizes rather than scores.
    static let clusterKeys: Set<String> = ["copies", "cluster_size"]
    /// Attribute keys that hold a language code.
    static let languageKeys: [String] = ["lang", "language"]

    var files = 0
    var records: Int64 = 0
    var statuses: [String: Int64] = [:]
    var sources: [String: SourceCounts] = [:]
    /// Language → (all documents, kept documents).
    var languages: [String: (all: Int64, kept: Int64)] = [:]
    var scores: [ScoreKey: [Double]] = [:]
    /// String attributes named `label` (consensus output): stage → label → count.
    var categories: [String: [String: Int64]] = [:]
    /// Cluster size → number of clusters (kept representatives carrying `copies`/`cluster_size` ≥ 2).
    var clusterSizes: [Int64: Int64] = [:]
    var weights: [Double] = []
    /// Lines that are not lineage records, and lineage files that could not be read to the end.
    var problems: Int64 = 0
    var firstProblem: String?

    static func read(runDirectory: String) throws -> LineageSummary {
        var summary = LineageSummary()
        let directory = "\(runDirectory)/lineage"
        guard try FileSystem.isDirectory(directory) else { return summary }
        let files = try FileSystem.walk(directory).filter {
            let name = $0.split(separator: "/").last.map(String.init) ?? ""
            return name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.zst") || name.hasSuffix(".jsonl.gz")
        }
        for file in files {
            summary.files += 1
            do {
                let reader = LineReader(source: try InputFile.open(file), path: file)
                try reader.forEachLine({ line in
                    guard let record = try? JSONParser.parse(line.bytes), record.objectValue != nil else {
                        summary.problem("\(file):\(line.number): not a JSON object")
                        return
                    }
                    summary.add(record)
                }, oversized: { line in
                    summary.problem("\(file):\(line.number): line of \(line.length) bytes is too long")
                })
            } catch let error as WinnowError {
                summary.problem(error.description)
            }
        }
        return summary
    }

    mutating func problem(_ message: String) {
        problems += 1
        if firstProblem == nil { firstProblem = message }
    }

    mutating func add(_ record: JSONValue) {
        records += 1
        let status = record["status"]?.stringValue ?? "unknown"
        statuses[status, default: 0] += 1
        let kept = status == "kept"
        let source = record["source"]?.stringValue ?? "(none)"
        switch status {
        case "kept": sources[source, default: SourceCounts()].kept += 1
        case "dropped": sources[source, default: SourceCounts()].dropped += 1
        default: sources[source, default: SourceCounts()].other += 1
        }
        if kept, let weight = record["weight"]?.doubleValue, weight.isFinite { weights.append(weight) }

        var language = record["metadata"]?["lang"]?.stringValue ?? record["metadata"]?["language"]?.stringValue
        if let attributes = record["attributes"]?.objectValue {
            for entry in attributes {
                guard let values = entry.value.objectValue else {
                    if let number = entry.value.doubleValue, number.isFinite {
                        scores[ScoreKey(stage: "", key: entry.key), default: []].append(number)
                    }
                    continue
                }
                for field in values {
                    if let number = field.value.doubleValue, number.isFinite {
                        if Self.clusterKeys.contains(field.key) {
                            if kept, let size = field.value.int64Value, size >= 2 { clusterSizes[size, default: 0] += 1 }
                        } else {
                            scores[ScoreKey(stage: entry.key, key: field.key), default: []].append(number)
                        }
                    } else if let text = field.value.stringValue {
                        if Self.languageKeys.contains(field.key) {
                            if language == nil { language = text }
                        } else if field.key == "label" {
                            categories[entry.key, default: [:]][text, default: 0] += 1
                        }
                    }
                }
            }
        }
        if let language {
            languages[language, default: (0, 0)].all += 1
            if kept { languages[language, default: (0, 0)].kept += 1 }
        }
    }
}
