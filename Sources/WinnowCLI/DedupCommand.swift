import ArgumentParser
import Foundation
import Logging
import Winnow
import WinnowJSON
import WinnowPipelines

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Remove near-duplicate documents from JSON Lines files (MinHash LSH).",
        discussion: """
            Runs read.jsonl -> dedup.minhash -> write.shards. Writes the kept documents to DIR/shards/, \
            DIR/clusters.jsonl (one {"id", "cluster", "kept"} line per document in a cluster of two or more, \
            grouped by cluster), and DIR/dropped/ with the reason of every dropped document. The kept \
            document of a cluster is the earliest in input order (files sorted by path, then line order), \
            or one from --index. Rerunning with the same DIR resumes. Exit codes as for `winnow run`.
            """
    )

    @Argument(help: "JSON Lines inputs (.jsonl, .jsonl.gz, .jsonl.zst): files, directories or globs.")
    var inputs: [String]

    @Option(name: .long, help: "Output directory.")
    var output: String

    @Option(name: .long, help: "Tokens per shingle.")
    var ngram = 5

    @Option(name: .long, help: "LSH bands.")
    var bands = 14

    @Option(name: .long, help: "Rows (hashes) per band.")
    var rows = 8

    @Option(name: .long, help: "Jaccard similarity a candidate pair needs (verification).")
    var threshold = 0.8

    @Option(name: .long, help: "How candidate pairs are verified: exact (Jaccard of the shingle sets) | signature (estimated from the MinHash signatures) | none.")
    var verification = "exact"

    @Flag(name: .long, help: "Keep every LSH candidate pair, without verification (--verification none).")
    var noVerify = false

    @Option(name: .long, help: "Shingle words (prose) or code tokens: words | code.")
    var mode = "words"

    @Flag(name: .long, help: "Map every digit to 0 before shingling.")
    var foldDigits = false

    @Option(name: .long, help: "Seed of the hashes and permutations.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "A MinHash index directory: deduplicate against it and append the kept documents.")
    var index: String?

    @Option(name: .long, help: "Also write the duplicate pairs (after verification) to this file: id_a<TAB>id_b per line.")
    var pairsOut: String?

    @Option(name: .long, help: "Shard compression: gzip | zstd | none.")
    var compression = "gzip"

    @Option(name: .long, help: "The JSON field holding the text.")
    var textField = "text"

    @Option(name: .long, help: "Parallel tasks per phase (default: the number of cores).")
    var workers: Int?

    @Flag(name: .long, help: "Run tasks as threads of this process instead of subprocesses.")
    var inProcess = false

    @Flag(name: .long, help: "Only read and sign the inputs (files only) and print one JSON line of throughput; writes nothing (benchmarking).")
    var signaturesOnly = false

    @Flag(name: .long, help: "Log debug messages.")
    var verbose = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if inputs.isEmpty { throw ValidationError("give at least one input") }
        if Compression(rawValue: compression) == nil { throw ValidationError("--compression must be gzip, zstd or none, not '\(compression)'") }
        if ShingleMode(rawValue: mode) == nil { throw ValidationError("--mode must be words or code, not '\(mode)'") }
        if MinHashDedup.Verification(rawValue: verification) == nil {
            throw ValidationError("--verification must be exact, signature or none, not '\(verification)'")
        }
    }

    var stage: MinHashDedup {
        Dedup.minhash(
            ngram: ngram, bands: bands, rows: rows, seed: seed, mode: ShingleMode(rawValue: mode) ?? .words, foldDigits: foldDigits,
            verification: noVerify ? .none : MinHashDedup.Verification(rawValue: verification) ?? .exact, threshold: threshold,
            index: index)
    }

    func run() throws {
        CLI.bootstrapLogging(verbose: verbose)
        let logger = Logger(label: "winnow")
        do {
            let stage = self.stage
            try stage.validate()
            if signaturesOnly { return try signOnly(stage, logger: logger) }
            if let index { _ = try MinHashIndex.open(index, stage: stage) }
            let pipeline = Pipeline(
                name: "dedup", description: "JSON Lines -> MinHash near-duplicate removal -> shards",
                options: PipelineOptions(),
                stageList: [
                    Read.jsonl(textField: textField, inputs: inputs), stage,
                    Write.shards(to: output, compression: Compression(rawValue: compression) ?? .gzip),
                ])
            let launcher: TaskLauncher = inProcess ? .threads : .processes(executable: try RunCommand.executablePath())
            let executor = LocalExecutor(
                workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                launcher: launcher, failFast: false, registry: Pipelines.registry, logger: logger)
            let stats = try executor.run(pipeline)
            let layout = RunLayout(root: output)
            try Self.copyAtomically(stage.clustersFile(runDirectory: layout.root), to: "\(layout.root)/clusters.jsonl")
            if let pairsOut { try Self.writePairs(from: stage.pairsFile(runDirectory: layout.root), to: pairsOut) }
            let summary = try stage.summary(runDirectory: layout.root)
            RunSummary.print(stats, output: output)
            print("""
                near-duplicates \(summary.candidatePairs) candidate pairs, \(summary.verifiedPairs) verified, \
                \(summary.clusters) clusters of \(summary.documentsInClusters) documents, \(summary.dropped) dropped\
                \(summary.indexBatches > 0 ? ", \(summary.indexBatches) index batches" : "")
                clusters        \(layout.root)/clusters.jsonl
                """)
        } catch {
            throw CLI.fail(error)
        }
    }

    /// Reads and signs every document of the input files; prints `{"docs", "text_bytes", "shingles", "seconds"}`.
    func signOnly(_ stage: MinHashDedup, logger: Logger) throws {
        let reader = Read.jsonl(textField: textField, inputs: inputs)
        let signer = MinHashSigner(stage)
        let context = TaskContext(rank: 0, worldSize: 1, phase: "sign", runDirectory: "", logger: logger)
        var documents = 0
        var bytes = 0
        var shingles = 0
        var checksum: UInt32 = 0
        let clock = ContinuousClock()
        let start = clock.now
        for (index, path) in inputs.sorted().enumerated() {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let input = InputDescriptor(index: index, path: path, stageIndex: 0, bytes: Int64(size))
            try reader.read(input, context: context) { event in
                guard case .document(let document) = event else { return }
                documents += 1
                bytes += document.text.utf8.count
                let count = signer.sign(document.text)
                shingles += count
                if count > 0 { checksum ^= signer.lastSignature[0] }
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("{\"docs\": \(documents), \"text_bytes\": \(bytes), \"shingles\": \(shingles), \"checksum\": \(checksum), \"seconds\": \(seconds)}")
    }

    /// `pairs.jsonl` as the TSV the benchmark scorer reads.
    static func writePairs(from source: String, to destination: String) throws {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: source))
            var out = ""
            for line in data.split(separator: 0x0a) where !line.isEmpty {
                let object = try JSONParser.parse(Array(line)).objectValue
                guard let a = object?["a"]?.stringValue, let b = object?["b"]?.stringValue else { continue }
                out += "\(a)\t\(b)\n"
            }
            try Data(out.utf8).write(to: URL(fileURLWithPath: destination), options: .atomic)
        } catch {
            throw WinnowError(.io, "cannot write the pairs file: \(error)", at: .init(path: destination), scope: .run)
        }
    }

    static func copyAtomically(_ source: String, to destination: String) throws {
        do {
            let temporary = destination + ".tmp"
            if FileManager.default.fileExists(atPath: temporary) { try FileManager.default.removeItem(atPath: temporary) }
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
            try FileManager.default.moveItem(atPath: temporary, toPath: destination)
        } catch {
            throw WinnowError(.io, "cannot write clusters.jsonl: \(error)", at: .init(path: destination), scope: .run)
        }
    }
}

extension Read {
    /// `Read.jsonl` with an input list (the factory takes variadic paths).
    static func jsonl(textField: String, inputs: [String]) -> JSONLReader {
        JSONLReader(inputs, textField: textField, defaultSource: "jsonl")
    }
}
