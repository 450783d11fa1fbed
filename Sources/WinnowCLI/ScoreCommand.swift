import ArgumentParser
import Foundation
import Logging
import Winnow
import WinnowIO
import WinnowJSON

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score documents with every quality filter, without dropping any, to tune thresholds.",
        discussion: """
            Reads JSON Lines inputs (.jsonl, .jsonl.gz, .jsonl.zst; files, folders or globs) and writes one line \
            per document, in input order: {"id", "lang", "lang_score", "quality", "filters": {"<stage label>": \
            {"keep", "reason", "detail", "scores"}}}. Every filter family (lang.cld2, filter.gopher-quality, \
            filter.gopher-repetition, filter.c4, filter.fineweb-quality, and filter.code for code documents) \
            runs on the original text of every document with its default thresholds. Bad records are reported \
            on standard error with file, line and offset, counted, and skipped. Exit codes: 0 done, 65 \
            --fail-fast stopped at a bad record, 66 an input is missing, 74 the output cannot be written.
            """
    )

    @Argument(help: "JSON Lines files, folders or glob patterns.")
    var inputs: [String]

    @Option(name: .long, help: "Output JSON Lines file.")
    var output: String

    @Flag(name: .long, help: "Stop at the first bad record, with exit code 65.")
    var failFast = false

    @Flag(name: .long, help: "Print the CPU seconds spent in the four heuristic families to standard error.")
    var timing = false

    func run() throws {
        do {
            let files = try Self.expand(inputs)
            let reader = JSONLReader(files)
            let context = TaskContext(rank: 0, worldSize: 1, phase: "score", runDirectory: ".", failFast: failFast, logger: Logger(label: "winnow.score"))
            let stages: [any DocumentStage] = [
                Language.identify(), Quality.gopher(), Quality.gopherRepetition(), Quality.c4(), Quality.fineweb(), Quality.code(),
            ]
            var processors = try stages.map { try $0.makeProcessor(context: context) }
            let families: Set<String> = ["filter.gopher-quality", "filter.gopher-repetition", "filter.c4", "filter.fineweb-quality"]
            let out = try OutputFile(path: output, compression: .none)
            var documents = 0, rejected = 0, skipped = 0
            var heuristicSeconds = 0.0
            for (index, path) in files.enumerated() {
                let input = InputDescriptor(index: index, path: path, stageIndex: 0, bytes: try FileSystem.fileSize(path))
                try reader.read(input, context: context) { event in
                    switch event {
                    case .reject(let reject):
                        rejected += 1
                        CLI.printError("rejected: \(reject.error)")
                        if failFast { throw WinnowError(.failFast, "stopped at the first bad record (--fail-fast)", scope: .run) }
                    case .skip:
                        skipped += 1
                    case .document(let document):
                        documents += 1
                        var filters = JSONObject()
                        var lang: JSONValue = .null, langScore: JSONValue = .null
                        var familyScores: [Double] = []
                        for (stage, k) in zip(stages, processors.indices) {
                            if stage is CodeFilter, CodeFilter.codeLanguage(document.metadata) == nil { continue }
                            var copy = document
                            let timed = timing && families.contains(stage.label)
                            let start = timed ? Self.processCPUTime() : 0
                            let decision = try processors[k].process(&copy)
                            if timed { heuristicSeconds += Self.processCPUTime() - start }
                            let scores = copy.attributes[stage.label] ?? .object(JSONObject())
                            var entry = JSONObject()
                            entry["keep"] = .bool(decision.isKeep)
                            if case .drop(let reason, let detail) = decision {
                                entry["reason"] = .string(reason)
                                entry["detail"] = detail.map(JSONValue.string) ?? .null
                            } else {
                                entry["reason"] = .null
                                entry["detail"] = .null
                            }
                            entry["scores"] = scores
                            filters[stage.label] = .object(entry)
                            if stage is LanguageFilter {
                                lang = scores.objectValue?["lang"] ?? .null
                                langScore = scores.objectValue?["score"] ?? .null
                            }
                            if families.contains(stage.label), let score = scores.objectValue?["score"]?.doubleValue {
                                familyScores.append(score)
                            }
                        }
                        // The quality score of score.quality@1: the mean of the four families' scores.
                        let quality = familyScores.count == 4 ? familyScores.reduce(0, +) / 4 : 0
                        var line = JSONObject()
                        line["id"] = .string(document.id)
                        line["lang"] = lang
                        line["lang_score"] = langScore
                        line["quality"] = .number(JSONNumber((quality * 1_000_000).rounded() / 1_000_000))
                        line["filters"] = .object(filters)
                        var writer = JSONWriter()
                        writer.write(.object(line))
                        writer.bytes.append(0x0A)
                        try out.write(writer.bytes)
                    }
                }
            }
            _ = try out.commit()
            var stderr = StandardError()
            print("scored \(documents) documents to \(output); rejected records: \(rejected); skipped records: \(skipped)", to: &stderr)
            if timing {
                let seconds = (heuristicSeconds * 1000).rounded() / 1000
                print("heuristic filters (gopher-quality, gopher-repetition, c4, fineweb-quality) CPU s \(seconds)", to: &stderr)
            }
        } catch {
            throw CLI.fail(error)
        }
    }

    static func processCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Files of `inputs`: each file as given, each folder's JSON Lines files (recursively, sorted), each
    /// glob's matches.
    static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            if Glob.hasWildcards(input) {
                let matches = try Glob.expand(input)
                guard !matches.isEmpty else { throw WinnowError(.noInput, "pattern '\(input)' matches no file", scope: .run) }
                files += matches
            } else if try FileSystem.isDirectory(input) {
                files += FileSystem.sortedByUTF8(try FileSystem.walk(input).filter { JSONLReader([]).accepts(path: $0) })
            } else if try FileSystem.fileExists(input) {
                files.append(input)
            } else {
                throw WinnowError(.noInput, "input '\(input)' does not exist", scope: .run)
            }
        }
        return files
    }
}
