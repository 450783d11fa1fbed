import Logging
import Testing
import WinnowCore
import WinnowJSON
@testable import WinnowQuality

/// Everything the four heuristic families output on the 2,600 fixture documents — decision, drop detail,
/// recorded attributes, C4's rewritten text — pinned by a SHA-256 per family, so that a performance change
/// that alters any figure fails here (``DatatroveAgreementTests`` checks only keep/drop and reasons). And
/// the families chained on one document, as a pipeline segment runs them (sharing the thread's analysis of
/// the text, see ``TextAnalyzer``), output exactly what each family outputs on its own.
@Suite struct QualityOutputIdentityTests {
    static func context() -> TaskContext {
        TaskContext(rank: 0, worldSize: 1, phase: "test", runDirectory: "/nonexistent", logger: Logger(label: "test"))
    }

    static let stages: [(name: String, stage: any DocumentStage)] = [
        ("gopher_quality", GopherQualityFilter()),
        ("gopher_repetition", GopherRepetitionFilter()),
        ("c4", C4QualityFilter()),
        ("fineweb_quality", FineWebQualityFilter()),
    ]

    /// One document's output as text: the decision, the family's attributes, and the text if it changed.
    static func record(_ decision: Decision, _ before: Document, _ after: Document, label: String) -> String {
        var line: String
        switch decision {
        case .keep: line = "keep"
        case .drop(let reason, let detail): line = "drop \(reason) \(detail ?? "-")"
        }
        line += " " + (after.attributes[label].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "none")
        if after.text != before.text { line += " text " + StableHash.sha256Hex(after.text) }
        return line + "\n"
    }

    /// Forgets the thread's shared analysis, so that the next family decodes and tokenizes afresh.
    static func forgetSharedAnalysis() {
        var analyzer = TextAnalyzer()
        analyzer.load("\u{1}forget\u{1}")
    }

    @Test(arguments: [
        ("gopher_quality", "bdc67d01ecc66c72d57016506db2962c49bb87d93854b4a27cc4f82c0607dc26"),
        ("gopher_repetition", "6a52203983cf5ba930376c75e9e1046e7b2de67fd9dc753127922d1817b21b64"),
        ("c4", "486769cf548e735cec166a22cf1b3b0d0afa097136ee09b444d869cb9a3a0fd3"),
        ("fineweb_quality", "470b969a7f51c0d65806f0fa981fb086be12ea77e711a174fb05584952e49a4c"),
    ])
    func outputsArePinned(_ name: String, _ expected: String) throws {
        let stage = Self.stages.first { $0.name == name }!.stage
        var processor = try stage.makeProcessor(context: Self.context())
        var all = ""
        for document in QualityFixture.shared.documents {
            var copy = document
            let decision = try processor.process(&copy)
            all += Self.record(decision, document, copy, label: stage.label)
        }
        print("\(name): \(StableHash.sha256Hex(all))")
        #expect(StableHash.sha256Hex(all) == expected)
    }

    @Test func chainedFamiliesOutputWhatEachOutputsAlone() throws {
        var chained = try Self.stages.map { try $0.stage.makeProcessor(context: Self.context()) }
        var alone = try Self.stages.map { try $0.stage.makeProcessor(context: Self.context()) }
        var differences = 0
        for document in QualityFixture.shared.documents {
            // As a segment runs them: each family sees the previous family's output (C4 rewrites the text).
            var inputs: [Document] = []
            var records: [String] = []
            var current = document
            for k in Self.stages.indices {
                inputs.append(current)
                let decision = try chained[k].process(&current)
                records.append(Self.record(decision, inputs[k], current, label: Self.stages[k].stage.label))
            }
            // Each family alone on a fresh copy of the same input, with nothing shared from before.
            for k in Self.stages.indices {
                Self.forgetSharedAnalysis()
                var fresh = inputs[k]
                fresh.text = String(decoding: Array(inputs[k].text.utf8), as: UTF8.self)
                let decision = try alone[k].process(&fresh)
                if Self.record(decision, inputs[k], fresh, label: Self.stages[k].stage.label) != records[k] {
                    differences += 1
                    if differences <= 10 { print("\(document.id) \(Self.stages[k].name): chained and alone differ") }
                }
            }
        }
        #expect(differences == 0)
    }
}
