/// A pipeline: a name, a description, run options, and a list of stages built with ``PipelineBuilder``.
///
/// ```swift
/// let quickstart = Pipeline("quickstart", description: "SampleData to shards") {
///     Read.jsonl("SampleData/jsonl/*.jsonl*")
///     Filter.length(minCharacters: 50)
///     Dedup.exact()
///     Write.shards(to: "out/quickstart")
/// }
/// ```
///
/// A pipeline evaluates to a ``Plan``: plain data that is validated before any work starts, printed by
/// `winnow plan`, and hashed into the config fingerprint.
public struct Pipeline: Sendable {
    public var name: String
    public var description: String
    public var options: PipelineOptions
    public var stages: [any Stage]

    public init(
        _ name: String,
        description: String = "",
        options: PipelineOptions = PipelineOptions(),
        @PipelineBuilder stages: () -> [any Stage]
    ) {
        self.name = name
        self.description = description
        self.options = options
        self.stages = stages()
    }

    public init(name: String, description: String, options: PipelineOptions, stageList: [any Stage]) {
        self.name = name
        self.description = description
        self.options = options
        self.stages = stageList
    }

    /// This pipeline with the readers' inputs replaced by `paths` (when non-empty) and the sink's output by
    /// `output` (when given). With one reader every path goes to it. With several, `LABEL=PATH` sends a path to
    /// the reader labelled `LABEL`; any other path goes to every reader that accepts it (a directory to each
    /// reader that finds files of its kind in it), and a path that none accepts is an error.
    public func overriding(inputs paths: [String], output: String?) throws -> Pipeline {
        var copy = self
        if !paths.isEmpty {
            let sourceIndices = copy.stages.indices.filter { copy.stages[$0] is any SourceStage }
            guard !sourceIndices.isEmpty else {
                throw WinnowError(.invalidArgument, "pipeline '\(name)' has no reader to take --input", scope: .run)
            }
            var assigned: [Int: [String]] = [:]
            for path in paths {
                if let equals = path.firstIndex(of: "="),
                   let target = sourceIndices.first(where: { copy.stages[$0].label == path[..<equals] }) {
                    assigned[target, default: []].append(String(path[path.index(after: equals)...]))
                    continue
                }
                let targets = sourceIndices.count == 1
                    ? sourceIndices
                    : sourceIndices.filter { (copy.stages[$0] as! any SourceStage).accepts(path: path) }
                guard !targets.isEmpty else {
                    let labels = sourceIndices.map { copy.stages[$0].label }.joined(separator: ", ")
                    throw WinnowError(.invalidArgument, "no reader of pipeline '\(name)' accepts input '\(path)'; name one with LABEL=PATH (readers: \(labels))", scope: .run)
                }
                for target in targets { assigned[target, default: []].append(path) }
            }
            for index in sourceIndices {
                let source = copy.stages[index] as! any SourceStage
                copy.stages[index] = Pipeline.replacingInputs(of: source, with: assigned[index] ?? [])
            }
        }
        if let output {
            guard let sinkIndex = copy.stages.lastIndex(where: { $0 is any SinkStage }) else {
                throw WinnowError(.invalidArgument, "pipeline '\(name)' has no writer to take --output", scope: .run)
            }
            let sink = copy.stages[sinkIndex] as! any SinkStage
            copy.stages[sinkIndex] = Pipeline.replacingOutput(of: sink, with: output)
        }
        return copy
    }

    private static func replacingInputs<S: SourceStage>(of stage: S, with inputs: [String]) -> any Stage {
        var copy = stage
        copy.inputs = inputs
        return copy
    }

    private static func replacingOutput<S: SinkStage>(of stage: S, with output: String) -> any Stage {
        var copy = stage
        copy.output = output
        return copy
    }
}
