internal import WinnowCore
internal import WinnowIO

/// The training step: reads labelled documents (see ``TrainingData``), trains a classifier (see
/// ``ClassifierTrainer``) and writes it atomically to `output` in fastText's `.bin` format, where the
/// `score.model@1` stage (``ModelScore``) and fastText load it. A configuration value, like a stage.
public struct ClassifierTraining: Sendable, Hashable, Codable {
    /// JSON Lines documents (plain, gzip or zstd).
    public var documents: [String]
    /// The consensus table `item,label,confidence`; nil: each document's `attributes[attribute]`.
    public var labels: String?
    /// The consensus stage's label, where documents carry their consensus without a table.
    public var attribute: String
    /// Where the model is written.
    public var output: String
    public var options: ClassifierOptions

    public init(documents: [String], labels: String?, attribute: String = "consensus", output: String, options: ClassifierOptions = ClassifierOptions()) {
        self.documents = documents
        self.labels = labels
        self.attribute = attribute
        self.output = output
        self.options = options
    }

    /// What a run produced.
    public struct Outcome: Sendable, Hashable, Codable {
        public var data: TrainingData.Summary
        public var report: TrainingReport
        /// SHA-256 of the model file.
        public var modelSHA256: String
    }

    /// Reads, trains, writes the model; returns what it found and measured.
    public func run() throws -> Outcome {
        try options.validate()
        guard !documents.isEmpty else { throw WinnowError(.noInput, "classifier training: no document file given", scope: .run) }
        guard !output.isEmpty else { throw WinnowError(.invalidArgument, "classifier training: no output path", scope: .run) }
        let (examples, summary) = try TrainingData.read(documents: documents, labels: labels, attribute: attribute)
        let result = try ClassifierTrainer.train(examples, options: options)
        try FileSystem.writeFileAtomically(output, result.model)
        return Outcome(data: summary, report: result.report, modelSHA256: StableHash.sha256Hex(result.model))
    }
}
