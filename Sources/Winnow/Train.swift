/// Training steps.
public enum Train {
    /// Trains a hashed n-gram linear classifier on `documents` labelled by the consensus table `labels`
    /// (nil: the documents' own `attributes["consensus"]`), writing a fastText `.bin` model to `output`.
    /// Call `run()` on the result. See ``ClassifierTraining`` and ``ClassifierTrainer``.
    public static func classifier(documents: [String], labels: String?, output: String, options: ClassifierOptions = ClassifierOptions()) -> ClassifierTraining {
        ClassifierTraining(documents: documents, labels: labels, output: output, options: options)
    }
}
