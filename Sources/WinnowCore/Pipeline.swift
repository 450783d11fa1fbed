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
    /// `output` (when given). With one reader every path goes to it; with several, each path goes to the
    /// first reader that accepts it, and a path that none accepts is an error.
    public func overriding(inputs paths: [String], output: String?) throws -> Pipeline {
        var copy = self
        if !paths.isEmpty {
            let sourceIndices = copy.stages.indices.filter { copy.stages[$0] is any SourceStage }
            guard !sourceIndices.isEmpty else {
                throw WinnowError(.invalidArgument, "pipeline '\(name)' has no reader to take --input", scope: .run)
            }
            var assigned: [Int: [String]] = [:]
            for path in paths {
                let target: Int?
                if sourceIndices.count == 1 {
                    target = sourceIndices[0]
                } else {
                    target = sourceIndices.first { (copy.stages[$0] as! any SourceStage).accepts(path: path) }
                }
                guard let target else {
                    throw WinnowError(.invalidArgument, "no reader of pipeline '\(name)' accepts input '\(path)'", scope: .run)
                }
                assigned[target, default: []].append(path)
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
