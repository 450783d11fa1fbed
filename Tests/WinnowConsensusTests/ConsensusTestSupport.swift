import Foundation
import WinnowConsensus
import WinnowCore

/// Paths and small helpers for the consensus tests.
enum ConsensusFixtures {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Fixtures").path
    }()

    static func labels(_ set: String) -> String { "\(directory)/\(set)/labels.csv" }

    /// item -> gold label of a fixture set.
    static func gold(_ set: String) throws -> [String: String] {
        let text = try String(contentsOfFile: "\(directory)/\(set)/gold.csv", encoding: .utf8)
        var gold: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            gold[String(fields[0])] = String(fields[1])
        }
        return gold
    }

    /// Correct consensus labels on gold items.
    static func correct(_ result: ConsensusResult, gold: [String: String]) -> Int {
        var correct = 0
        for (t, item) in result.items.enumerated() where gold[item] == result.classes.classes[result.labels[t]] {
            correct += 1
        }
        return correct
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ name: String = #function) throws -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = "\(FileManager.default.temporaryDirectory.path)/winnow-consensus-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String, problems: inout [LabelProblem], classes: LabelSet? = nil, known: [String]? = nil,
                     duplicates: LabelReader.Duplicates = .reject) throws -> LabelData {
        var found: [LabelProblem] = []
        let data = try LabelReader(classes: classes, knownItems: known, duplicates: duplicates).read([path]) { found.append($0) }
        problems = found
        return data
    }
}
