internal import Logging
public import WinnowCore
internal import WinnowDedup
internal import WinnowIO
internal import WinnowJSON

/// `winnow run NAME --incremental`: the output directory holds a series of batches
/// (`DIR/batches/0001`, `0002`, ...), each a complete run with its own manifest. A new batch reads only the
/// inputs that no earlier successful batch read (same path and SHA-256), deduplicates its documents against
/// the MinHash index that earlier batches built (`DIR/minhash-index`, shared by the pipeline's
/// `dedup.minhash` stages), and its manifest names its predecessor. An unfinished batch is resumed first.
public struct IncrementalRun: Sendable {
    public let executor: LocalExecutor

    public init(executor: LocalExecutor) {
        self.executor = executor
    }

    public enum Outcome: Sendable {
        case ran(batch: String, stats: RunStats)
        case nothingNew(container: String)
    }

    public func run(_ pipeline: Pipeline) throws -> Outcome {
        guard let sink = pipeline.stages.last as? any SinkStage else {
            throw WinnowError(.invalidPlan, "pipeline '\(pipeline.name)' has no writer", scope: .run)
        }
        let container = RunLayout(root: sink.output).root
        let batches = "\(container)/batches"
        try FileSystem.createDirectory(batches)
        let names = try FileSystem.contentsOfDirectory(batches).filter { $0.count == 4 && Int($0) != nil }

        var processed: Set<String> = []
        var predecessor: RunInfo.Predecessor?
        var unfinished: String?
        for name in names {
            let manifestPath = "\(batches)/\(name)/manifest.json"
            guard try FileSystem.fileExists(manifestPath) else {
                unfinished = name
                continue
            }
            let manifest = try JSONParser.parse(try FileSystem.readFile(manifestPath))
            for input in manifest["inputs"]?.arrayValue ?? [] {
                if let path = input["path"]?.stringValue, let hash = input["sha256"]?.stringValue { processed.insert("\(path)\u{0}\(hash)") }
            }
            predecessor = RunInfo.Predecessor(
                batch: name, runID: manifest["run"]?["id"]?.stringValue ?? "",
                manifestSHA256: StableHash.sha256Hex(try FileSystem.readFile(manifestPath)),
                documentsRoot: manifest["merkle"]?["documents"]?["root"]?.stringValue ?? "")
        }

        var batchPipeline: Pipeline
        let batchName: String
        if let unfinished {
            // Resume the unfinished batch with the inputs it was given.
            batchName = unfinished
            let plan = try RunFiles.loadPlan(RunLayout(root: "\(batches)/\(unfinished)"))
            batchPipeline = try executor.registry.pipeline(for: plan)
            executor.logger.info("incremental: resuming unfinished batch \(unfinished)")
        } else {
            // Every configured input, by reader, minus what earlier batches read.
            var perReader: [Int: [String]] = [:]
            var fresh = 0
            for input in try RunPreparation.resolveInputs(pipeline) {
                let hash = try InputHashing.sha256(of: input.path)
                guard !processed.contains("\(input.path)\u{0}\(hash)") else { continue }
                perReader[input.stageIndex, default: []].append(input.path)
                fresh += 1
            }
            guard fresh > 0 else { return .nothingNew(container: container) }
            let next = (names.compactMap { Int($0) }.max() ?? 0) + 1
            batchName = String(repeating: "0", count: max(0, 4 - String(next).count)) + String(next)
            batchPipeline = pipeline
            for index in batchPipeline.stages.indices {
                if let source = batchPipeline.stages[index] as? any SourceStage {
                    batchPipeline.stages[index] = Self.withInputs(source, perReader[index] ?? [])
                }
                if var minhash = batchPipeline.stages[index] as? MinHashDedup {
                    minhash.index = minhash.index ?? "\(container)/minhash-index"
                    batchPipeline.stages[index] = minhash
                }
            }
            batchPipeline = try batchPipeline.overriding(inputs: [], output: "\(batches)/\(batchName)")
            executor.logger.info("incremental: batch \(batchName) with \(fresh) new inputs (\(processed.count) read by earlier batches)")
        }
        var batchExecutor = executor
        batchExecutor.predecessor = predecessor
        let stats = try batchExecutor.run(batchPipeline)
        return .ran(batch: "\(batches)/\(batchName)", stats: stats)
    }

    private static func withInputs<S: SourceStage>(_ stage: S, _ inputs: [String]) -> any Stage {
        var copy = stage
        copy.inputs = inputs
        return copy
    }
}
