/// What ``ClassifierTrainer`` reports: the split, the vocabulary, and the accuracy of the trained model
/// (loaded back from its file) on the training and held-out documents.
public struct TrainingReport: Sendable, Hashable, Codable {
    public var trainDocuments: Int
    public var heldOutDocuments: Int
    /// Documents left out for a consensus confidence below the minimum.
    public var lowConfidenceDocuments: Int
    public var labels: [String]
    public var words: Int
    /// Share of held-out documents whose top label is their consensus label (nil with none held out).
    public var heldOutAccuracy: Double?
    /// The same, each document counted with its confidence.
    public var heldOutWeightedAccuracy: Double?
    /// The share of held-out documents of the most frequent training label: the bar a classifier must beat.
    public var heldOutMajorityBaseline: Double?
    public var trainAccuracy: Double
    /// Mean training loss over the last epoch.
    public var finalLoss: Double

    init(model: FastTextModel, train: [TrainingExample], heldOut: [TrainingExample], lowConfidence: Int, finalLoss: Double) {
        var predictor = model.makePredictor()
        var results: [FastTextPrediction] = []
        func accuracy(_ examples: [TrainingExample], weighted: Bool) -> Double? {
            guard !examples.isEmpty else { return nil }
            var hits = 0.0, total = 0.0
            for example in examples {
                predictor.predict(example.text, k: 1, threshold: 0, into: &results)
                let weight = weighted ? example.weight : 1
                total += weight
                if let top = results.first, model.labels[top.label] == "__label__" + example.label { hits += weight }
            }
            return total > 0 ? hits / total : nil
        }
        trainDocuments = train.count
        heldOutDocuments = heldOut.count
        lowConfidenceDocuments = lowConfidence
        labels = model.labels.map { String($0.dropFirst("__label__".count)) }
        words = model.dictionary.wordCount
        heldOutAccuracy = accuracy(heldOut, weighted: false)
        heldOutWeightedAccuracy = accuracy(heldOut, weighted: true)
        let majority = labels.first ?? ""
        heldOutMajorityBaseline = heldOut.isEmpty ? nil : Double(heldOut.filter { $0.label == majority }.count) / Double(heldOut.count)
        trainAccuracy = accuracy(train, weighted: false) ?? 0
        self.finalLoss = finalLoss
    }
}
