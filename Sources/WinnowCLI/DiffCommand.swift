import ArgumentParser
import Foundation
import Winnow
import WinnowIO
import WinnowJSON

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two runs: plan, inputs, counts, and the documents added or removed.")

    @Argument(help: "The first run directory.")
    var first: String

    @Argument(help: "The second run directory.")
    var second: String

    @Option(name: .long, help: "List at most this many added and removed ids.")
    var limit = 20

    func run() throws {
        do {
            let a = try Self.manifest(first)
            let b = try Self.manifest(second)
            let planA = a["run"]?["fingerprint"]?.stringValue ?? "?"
            let planB = b["run"]?["fingerprint"]?.stringValue ?? "?"
            print("plan      \(planA.prefix(12)) -> \(planB.prefix(12))\(planA == planB ? " (same)" : "")")
            if planA != planB { Self.diffStages(a["plan"], b["plan"]) }

            let inputsA = Self.inputs(a)
            let inputsB = Self.inputs(b)
            for (path, hash) in inputsB.sorted(by: { $0.key < $1.key }) where inputsA[path] != hash {
                print(inputsA[path] == nil ? "input +   \(path)" : "input ~   \(path) (content changed)")
            }
            for path in inputsA.keys.sorted() where inputsB[path] == nil { print("input -   \(path)") }

            func count(_ manifest: JSONValue, _ key: String) -> Int64 { manifest["counts"]?[key]?.int64Value ?? 0 }
            for key in ["documents_read", "documents_written", "shards"] {
                print("\(key.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count(a, key)) -> \(count(b, key))")
            }
            let rootA = a["merkle"]?["documents"]?["root"]?.stringValue ?? ""
            let rootB = b["merkle"]?["documents"]?["root"]?.stringValue ?? ""
            print("documents root \(rootA == rootB ? "same" : "differs")")

            let keptA = try Self.keptIDs(first)
            let keptB = try Self.keptIDs(second)
            let added = keptB.subtracting(keptA).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let removed = keptA.subtracting(keptB).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            print("documents added \(added.count), removed \(removed.count)")
            for id in added.prefix(limit) { print("  + \(id)") }
            for id in removed.prefix(limit) { print("  - \(id)") }
        } catch {
            throw CLI.fail(error)
        }
    }

    static func manifest(_ run: String) throws -> JSONValue {
        let path = "\(run)/manifest.json"
        guard let value = try? JSONParser.parse(try FileSystem.readFile(path)) else {
            throw WinnowError(.invalidArgument, "not a run manifest", at: .init(path: path), scope: .run)
        }
        return value
    }

    static func inputs(_ manifest: JSONValue) -> [String: String] {
        var map: [String: String] = [:]
        for input in manifest["inputs"]?.arrayValue ?? [] {
            if let path = input["path"]?.stringValue { map[path] = input["sha256"]?.stringValue ?? "" }
        }
        return map
    }

    static func diffStages(_ a: JSONValue?, _ b: JSONValue?) {
        func stages(_ plan: JSONValue?) -> [String: String] {
            var map: [String: String] = [:]
            for stage in plan?["stages"]?.arrayValue ?? [] {
                if let label = stage["label"]?.stringValue {
                    map[label] = "\(stage["stage"]?.stringValue ?? "") \(stage["config"]?.canonicalized().jsonString ?? "")"
                }
            }
            return map
        }
        let stagesA = stages(a)
        let stagesB = stages(b)
        for label in Set(stagesA.keys).union(stagesB.keys).sorted() where stagesA[label] != stagesB[label] {
            switch (stagesA[label], stagesB[label]) {
            case (nil, let new?): print("  stage + \(label): \(new)")
            case (let old?, nil): print("  stage - \(label): \(old)")
            case (let old?, let new?): print("  stage ~ \(label):\n      \(old)\n   -> \(new)")
            default: break
            }
        }
    }

    /// Ids of the kept documents, from the run's lineage files.
    static func keptIDs(_ run: String) throws -> Set<String> {
        var ids: Set<String> = []
        let folder = "\(run)/lineage"
        for file in try FileSystem.contentsOfDirectory(folder) where file.hasPrefix("unit-") {
            let reader = LineReader(source: try InputFile.open("\(folder)/\(file)"), path: file, maxLineBytes: Int(UInt32.max))
            try reader.forEachLine({ line in
                if let record = try? JSONParser.parse(line.bytes), record["status"]?.stringValue == "kept", let id = record["id"]?.stringValue {
                    ids.insert(id)
                }
            }, oversized: { _ in })
        }
        return ids
    }
}
