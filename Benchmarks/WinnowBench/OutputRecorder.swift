internal import Winnow
internal import WinnowIO
internal import WinnowJSON

/// What the document filters output on the benchmark's documents, one JSON line per document and stage
/// (`winnow-bench --outputs FILE`): the decision, its reason and detail, the attributes the stage recorded,
/// and the SHA-256 of the text when the stage changed it. Two builds that write the same file made the same
/// decisions and recorded the same figures, so a performance change can be checked on real pages.
///
/// Each filter runs alone over every extracted document (`"chain": false`); then the four quality filters run
/// one after the other on each document, as a pipeline segment runs them (each sees the text the one before
/// it left; a drop ends the chain), which is where they share the analysis of the text (`"chain": true`).
struct OutputRecorder {
    let runner: StageRunner

    static let filters: [BenchStage] = [.lang, .gopher, .gopherRepetition, .c4, .fineweb]

    func write(_ inputs: BenchInputs, to path: String) throws {
        var writer = JSONWriter(sortKeys: true)
        for stage in Self.filters {
            var processor = try runner.filterStage(stage).makeProcessor(context: runner.context)
            for document in inputs.extracted {
                var copy = document
                let decision = try processor.process(&copy)
                record(stage, chain: false, document, copy, decision, into: &writer)
            }
        }
        var chain = try Self.filters.dropFirst().map { try runner.filterStage($0).makeProcessor(context: runner.context) }
        for document in inputs.extracted {
            var current = document
            for (k, stage) in Self.filters.dropFirst().enumerated() {
                let before = current
                let decision = try chain[k].process(&current)
                record(stage, chain: true, before, current, decision, into: &writer)
                if !decision.isKeep { break }
            }
        }
        let output = try OutputFile(path: path, compression: .none)
        try output.write(writer.bytes)
        _ = try output.commit()
    }

    private func record(_ stage: BenchStage, chain: Bool, _ before: Document, _ after: Document, _ decision: Decision, into writer: inout JSONWriter) {
        var object: JSONObject = ["stage": .string(stage.rawValue), "chain": .bool(chain), "id": .string(before.id)]
        switch decision {
        case .keep: object["decision"] = .string("keep")
        case .drop(let reason, let detail):
            object["decision"] = .string("drop")
            object["reason"] = .string(reason)
            if let detail { object["detail"] = .string(detail) }
        }
        object["attributes"] = .object(after.attributes)
        if after.text != before.text { object["text_sha256"] = .string(StableHash.sha256Hex(after.text)) }
        writer.write(.object(object))
        writer.bytes.append(0x0a)
    }
}
