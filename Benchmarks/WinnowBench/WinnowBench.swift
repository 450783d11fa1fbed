import ArgumentParser
internal import Winnow
internal import WinnowIO
internal import WinnowJSON

/// `winnow-bench`: per-stage figures for the end-to-end pipeline's stages, in process, on WARC input.
///
/// Timing (default): each stage runs `--repeat` times over the documents the stage before it produced;
/// prints the median CPU seconds, MB/s and documents/s per stage. Counting (`--measure STAGE`): the
/// stage's inputs are prepared and one warm-up pass runs, then `--passes` passes run inside the function
/// `winnow_bench_measured`; prints one JSON line with the documents and bytes one pass consumed. Under
/// callgrind, the difference between `--passes 2` and `--passes 1` is one pass's exact cost
/// (`Scripts/bench-smoke.sh`); `--toggle-collect=winnow_bench_measured` isolates it for profiles. Checking
/// (`--outputs FILE`): every filter's output per document, see ``OutputRecorder``.
@main
struct WinnowBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow-bench",
        abstract: "Per-stage CPU time (or a counted region for callgrind) of the end-to-end pipeline's stages.")

    @Argument(help: "WARC files or directories of them (.warc, .warc.gz, .warc.zst).")
    var inputs: [String]

    @Option(name: .long, help: "Stages to time, in order (default: all): \(BenchStage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stage: [String] = []

    @Option(name: .long, help: "Runs per stage; the median CPU time is reported.")
    var `repeat`: Int = 3

    @Option(name: .long, help: "Run only this stage once, inside winnow_bench_measured, after a warm-up pass.")
    var measure: String?

    @Option(name: .long, help: "With --measure: how many passes run inside winnow_bench_measured.")
    var passes: Int = 1

    @Option(name: .long, help: "Scratch directory for MinHash work files and the shard (default: a new one under /tmp).")
    var scratch: String?

    @Option(name: .long, help: "Instead of timing: write every filter's decision and attributes per document to this JSON Lines file (to check that a change alters no output).")
    var outputs: String?

    @Flag(name: .long, help: "Print one JSON line per stage instead of a table.")
    var json = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard passes >= 1 else { throw ValidationError("--passes must be at least 1") }
        for name in stage + (measure.map { [$0] } ?? []) where BenchStage(rawValue: name) == nil {
            throw ValidationError("unknown stage '\(name)'; stages: \(BenchStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let directory = scratch ?? "/tmp/winnow-bench-\(ProcessIdentity.current)"
        try FileSystem.createDirectory(directory)
        let runner = StageRunner(scratch: directory)
        var benchInputs = BenchInputs(files: try Self.warcFiles(inputs))
        guard !benchInputs.files.isEmpty else { throw ValidationError("no WARC files in \(inputs.joined(separator: " "))") }

        if let outputs {
            guard try runner.read(&benchInputs) == 0 else { throw ValidationError("WARC records rejected; use clean input") }
            try runner.extract(&benchInputs)
            try OutputRecorder(runner: runner).write(benchInputs, to: outputs)
            return
        }

        if let name = measure, let target = BenchStage(rawValue: name) {
            if target != .read {
                let rejects = try runner.read(&benchInputs)
                guard rejects == 0 else { throw ValidationError("\(rejects) WARC records rejected; use clean input") }
                if target != .extract { try runner.extract(&benchInputs) }
            }
            _ = try runner.run(target, &benchInputs)  // warm-up: lazy tables, first-touch allocations
            var kept = 0
            try measured {
                for _ in 0..<passes { kept = try runner.run(target, &benchInputs) }
            }
            let (documents, bytes) = benchInputs.documents(for: target)
            print(Self.line(["stage": .string(target.rawValue), "passes": .number(JSONNumber(passes)), "documents": .number(JSONNumber(documents)),
                             "bytes": .number(JSONNumber(bytes)), "kept": .number(JSONNumber(kept))]))
            return
        }

        // In pipeline order, whatever order they were named in: each stage consumes the one before it.
        let stages = BenchStage.allCases.filter { stage.isEmpty || stage.contains($0.rawValue) }
        if !stages.contains(.read) { _ = try runner.read(&benchInputs) }
        if !stages.contains(.extract), stages.contains(where: { $0 != .read }) { try runner.extract(&benchInputs) }
        if !json {
            print("stage                documents        bytes  CPU s (median of \(`repeat`))     MB/s     docs/s   kept  bytes are")
        }
        for target in stages {
            var times: [Double] = []
            var kept = 0
            for _ in 0..<`repeat` {
                let start = CPUClock.process()
                kept = try runner.run(target, &benchInputs)
                times.append(CPUClock.process() - start)
            }
            times.sort()
            let seconds = times[times.count / 2]
            let (documents, bytes) = benchInputs.documents(for: target)
            let mbPerSecond = Double(bytes) / 1e6 / seconds
            let documentsPerSecond = Double(documents) / seconds
            if json {
                print(Self.line([
                    "stage": .string(target.rawValue), "documents": .number(JSONNumber(documents)),
                    "bytes": .number(JSONNumber(bytes)), "bytes_are": .string(target.bytesMeaning),
                    "cpu_s": .number(JSONNumber(seconds)), "mb_per_s": .number(JSONNumber(mbPerSecond)),
                    "docs_per_s": .number(JSONNumber(documentsPerSecond)), "kept": .number(JSONNumber(kept)),
                ]))
            } else {
                print(target.rawValue.padding(18) + String(documents).leftPadded(11) + String(bytes).leftPadded(13)
                    + Self.fixed(seconds, 3).leftPadded(28) + Self.fixed(mbPerSecond, 1).leftPadded(9)
                    + Self.fixed(documentsPerSecond, 0).leftPadded(11) + String(kept).leftPadded(7) + "  " + target.bytesMeaning)
            }
        }
    }

    /// The WARC files named or found below the named directories, sorted by path.
    static func warcFiles(_ inputs: [String]) throws -> [InputDescriptor] {
        var paths: [String] = []
        for input in inputs {
            if try FileSystem.isDirectory(input) {
                paths += try FileSystem.walk(input).filter { [".warc", ".warc.gz", ".warc.zst"].contains(where: $0.hasSuffix) }
            } else {
                paths += try Glob.expand(input)
            }
        }
        return try FileSystem.sortedByUTF8(paths).enumerated().map { index, path in
            InputDescriptor(index: index, path: path, stageIndex: 0, bytes: try FileSystem.fileSize(path))
        }
    }

    static func line(_ object: JSONObject) -> String {
        var writer = JSONWriter(sortKeys: true)
        writer.write(.object(object))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if digits == 0 { text = String(text[..<dot]) } else if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? " " + self : String(repeating: " ", count: width - count) + self }
}
