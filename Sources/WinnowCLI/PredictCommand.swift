import ArgumentParser
import Foundation
import Winnow
import WinnowIO
import WinnowJSON

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Run a fastText model (.bin/.ftz) on JSON Lines documents; print throughput, optionally write the labels.",
        discussion: """
            Loads every document's text into memory first, then times the predictions alone (one thread), \
            so the figure compares with fastText's own `model.predict` on the same texts. Each text is one \
            line (newlines count as spaces), as Score.model does. --output writes one JSON line per document: \
            {"id", "labels": [[label, probability], ...]}.
            """
    )

    @Option(name: .long, help: "The fastText model.") var model: String
    @Argument(help: "JSON Lines document files.") var documents: [String]
    @Option(name: .long, help: "Labels per document.") var k = 1
    @Option(name: .long, help: "Repeat the timed loop this many times (report the fastest).") var repeats = 1
    @Option(name: .long, help: "Write the predictions here (JSON Lines).") var output: String?

    func run() throws {
        do {
            let clock = ContinuousClock()
            let loadStart = clock.now
            let fastText = try FastTextModel(path: model)
            let loaded = clock.now - loadStart
            var ids: [String] = []
            var texts: [String] = []
            var bytes = 0
            for path in documents {
                let reader = LineReader(source: try InputFile.open(path), path: path)
                try reader.forEachLine({ line in
                    guard let object = try JSONParser.parse(line.bytes).objectValue, let text = object["text"]?.stringValue else {
                        throw WinnowError(.malformedRecord, "not a document with a text", at: .init(path: path, line: line.number))
                    }
                    ids.append(object["id"]?.stringValue ?? "\(path):\(line.number)")
                    texts.append(text)
                    bytes += text.utf8.count
                }, oversized: { line in
                    throw WinnowError(.recordTooLarge, "line too long", at: .init(path: path, line: line.number))
                })
            }
            var predictor = fastText.makePredictor()
            var results: [FastTextPrediction] = []
            // CPU time of the process (the machine is shared: wall time would count other people's work).
            func cpuSeconds() -> Double {
                var time = timespec()
                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
                return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
            }
            var best = Double.infinity
            var bestWall = Double.infinity
            var checksum = 0
            for _ in 0..<max(repeats, 1) {
                let start = cpuSeconds()
                let wallStart = clock.now
                for text in texts {
                    predictor.predict(text, k: k, threshold: 0, into: &results)
                    checksum &+= results.first?.label ?? -1
                }
                best = min(best, cpuSeconds() - start)
                let wall = clock.now - wallStart
                bestWall = min(bestWall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
            }
            CLI.printError(String(
                format: "model %@ loaded in %.3f s; %d documents, %.1f MB; predict k=%d: %.3f CPU s (%.3f wall) = %.0f docs/s, %.2f MB/s per CPU second (checksum %d)",
                model, Double(loaded.components.attoseconds) / 1e18 + Double(loaded.components.seconds), texts.count,
                Double(bytes) / 1e6, k, best, bestWall, Double(texts.count) / best, Double(bytes) / 1e6 / best, checksum))
            if let output {
                var out: [UInt8] = []
                for (id, text) in zip(ids, texts) {
                    predictor.predict(text, k: k, threshold: 0, into: &results)
                    let labels = JSONValue.array(results.map { .array([.string(fastText.labels[$0.label]), .number(JSONNumber(text: "\($0.probability)") ?? JSONNumber(Double($0.probability)))]) })
                    out += JSONValue.object(["id": .string(id), "labels": labels]).serialized() + [0x0a]
                }
                try ConsensusCommand.write(output, out)
            }
        } catch {
            throw CLI.fail(error)
        }
    }
}
