internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowProvenance

/// Everything a report shows, read from one run directory.
///
/// Reads `stats.json` (required), `plan.json`, `manifest.json` (verified with ``RunVerifier``), `ledger.json`,
/// every `work/stages/*/labelers.json` and the lineage files; the optional files may be absent. Nothing here
/// depends on dictionary iteration order: every list is sorted before it is shown.
struct RunData {
    struct Stage {
        var label: String
        var stage: String
        var seen: Int64
        var kept: Int64
        var dropped: Int64
        /// Drop reasons, most frequent first (ties by reason bytes).
        var reasons: [(reason: String, count: Int64)]
    }

    struct Phase {
        var name: String
        var tasks: Int64
        var documentsIn: Int64
        var documentsOut: Int64
        var bytesIn: Int64
        var bytesOut: Int64
        var seconds: Double
    }

    enum Verification {
        case verified(files: Int, documents: Int, signedBy: String?)
        case failed(String)
        case noManifest
    }

    struct LabelerTable {
        var stage: String
        var classes: [String]
        var priors: [Double]
        var labelers: [JSONValue]
    }

    var directory: String
    var pipeline: String
    var fingerprint: String
    var workers: Int64
    var inputs: Int64
    var inputBytes: Int64
    var documentsRead: Int64
    var rejects: [(code: String, count: Int64)]
    var documentsWritten: Int64
    var shards: Int64
    var shardBytes: Int64
    var wallSeconds: Double
    var stages: [Stage]
    var phases: [Phase]
    /// `plan.json` pretty-printed, when present.
    var planText: String?
    var plan: JSONValue?
    var verification: Verification
    var ledger: JSONValue?
    var labelerTables: [LabelerTable]
    var lineage: LineageSummary

    static func load(runDirectory: String) throws -> RunData {
        var root = runDirectory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        let statsPath = "\(root)/stats.json"
        guard try FileSystem.isRegularFile(statsPath) else {
            throw WinnowError(.noInput, "not a finished run directory: stats.json is missing", at: .init(path: statsPath), scope: .run)
        }
        let stats = try parseJSON(statsPath)
        guard stats.objectValue != nil, let pipeline = stats["pipeline"]?.stringValue,
              let stageList = stats["stages"]?.arrayValue
        else { throw WinnowError(.malformedRecord, "stats.json has no pipeline or stages", at: .init(path: statsPath), scope: .run) }

        let stages = try stageList.map { value -> Stage in
            guard let label = value["label"]?.stringValue else {
                throw WinnowError(.malformedRecord, "stats.json has a stage without a label", at: .init(path: statsPath), scope: .run)
            }
            return Stage(
                label: label, stage: value["stage"]?.stringValue ?? "", seen: value["seen"]?.int64Value ?? 0,
                kept: value["kept"]?.int64Value ?? 0, dropped: value["dropped"]?.int64Value ?? 0,
                reasons: sortedCounts(value["reasons"]))
        }
        let phases = (stats["phases"]?.arrayValue ?? []).map { value -> Phase in
            let merged = value["merged"]
            return Phase(
                name: value["name"]?.stringValue ?? "", tasks: value["tasks"]?.int64Value ?? 0,
                documentsIn: merged?["documentsIn"]?.int64Value ?? 0, documentsOut: merged?["documentsOut"]?.int64Value ?? 0,
                bytesIn: merged?["bytesIn"]?.int64Value ?? 0, bytesOut: merged?["bytesOut"]?.int64Value ?? 0,
                seconds: value["maxTaskSeconds"]?.doubleValue ?? 0)
        }

        var plan: JSONValue?
        var planText: String?
        let planPath = "\(root)/plan.json"
        if try FileSystem.isRegularFile(planPath) {
            let value = try parseJSON(planPath)
            plan = value
            planText = String(decoding: value.prettySerialized(), as: UTF8.self)
        }

        let verification: Verification
        if try FileSystem.isRegularFile("\(root)/manifest.json") {
            do {
                let report = try RunVerifier(runDirectory: root).verify()
                verification = .verified(files: report.files, documents: report.documents, signedBy: report.signedBy)
            } catch let error as WinnowError {
                verification = .failed(error.description)
            } catch {
                verification = .failed("\(error)")
            }
        } else {
            verification = .noManifest
        }

        let ledgerPath = "\(root)/ledger.json"
        var ledger: JSONValue?  // (a `nil` literal in a ternary would become JSONValue.null)
        if try FileSystem.isRegularFile(ledgerPath) { ledger = try parseJSON(ledgerPath) }

        var tables: [LabelerTable] = []
        let stagesDirectory = "\(root)/work/stages"
        if try FileSystem.isDirectory(stagesDirectory) {
            for name in try FileSystem.contentsOfDirectory(stagesDirectory) {
                let path = "\(stagesDirectory)/\(name)/labelers.json"
                guard try FileSystem.isRegularFile(path) else { continue }
                let value = try parseJSON(path)
                tables.append(LabelerTable(
                    stage: name, classes: (value["classes"]?.arrayValue ?? []).compactMap(\.stringValue),
                    priors: (value["priors"]?.arrayValue ?? []).compactMap(\.doubleValue),
                    labelers: value["labelers"]?.arrayValue ?? []))
            }
        }

        return RunData(
            directory: root, pipeline: pipeline, fingerprint: stats["fingerprint"]?.stringValue ?? "",
            workers: stats["workers"]?.int64Value ?? 0, inputs: stats["inputs"]?.int64Value ?? 0,
            inputBytes: stats["inputBytes"]?.int64Value ?? 0, documentsRead: stats["documentsRead"]?.int64Value ?? 0,
            rejects: sortedCounts(stats["rejects"]).map { ($0.reason, $0.count) },
            documentsWritten: stats["documentsWritten"]?.int64Value ?? 0, shards: stats["shards"]?.int64Value ?? 0,
            shardBytes: stats["shardBytes"]?.int64Value ?? 0, wallSeconds: stats["wallSeconds"]?.doubleValue ?? 0,
            stages: stages, phases: phases, planText: planText, plan: plan, verification: verification, ledger: ledger,
            labelerTables: tables, lineage: try LineageSummary.read(runDirectory: root))
    }

    /// The stage config of `label` in the plan, when there is one.
    func stageConfig(_ label: String) -> JSONObject? {
        for stage in plan?["stages"]?.arrayValue ?? [] where stage["label"]?.stringValue == label {
            return stage["config"]?.objectValue
        }
        return nil
    }

    static func parseJSON(_ path: String) throws -> JSONValue {
        let bytes = try FileSystem.readFile(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw WinnowError(
                .malformedJSON, "not valid JSON: \(error)", at: .init(path: path, byteOffset: Int64(error.offset)), scope: .run)
        }
    }

    /// `{key: count}` as a list, largest count first, ties by key bytes.
    static func sortedCounts(_ value: JSONValue?) -> [(reason: String, count: Int64)] {
        let pairs = (value?.objectValue.map { Array($0) } ?? []).map { (reason: $0.key, count: $0.value.int64Value ?? 0) }
        return pairs.sorted { $0.count != $1.count ? $0.count > $1.count : Array($0.reason.utf8).lexicographicallyPrecedes(Array($1.reason.utf8)) }
    }
}
