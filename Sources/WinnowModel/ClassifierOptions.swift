internal import WinnowCore

/// The hyper-parameters of ``ClassifierTrainer``: fastText's supervised settings, with a seed.
public struct ClassifierOptions: Sendable, Hashable, Codable {
    /// Softmax (one label per document) or one-vs-all logistic loss.
    public enum Loss: String, Sendable, Hashable, Codable, CaseIterable {
        case softmax
        case logistic
    }

    /// The embedding size.
    public var dim: Int = 16
    public var epochs: Int = 10
    /// The initial learning rate, decayed linearly to 0.
    public var learningRate: Double = 0.3
    /// The longest word n-gram (2: words and bigrams).
    public var wordNgrams: Int = 2
    /// Char n-gram lengths (0, 0: none).
    public var minn: Int = 2
    public var maxn: Int = 4
    /// Hash buckets for char and word n-grams.
    public var bucket: Int = 200_000
    /// Words seen fewer times are left to their char n-grams.
    public var minCount: Int = 2
    public var loss: Loss = .softmax
    /// Seeds the initial weights, the example order of each epoch and the held-out split.
    public var seed: UInt64 = 1
    /// The share of documents (by a stable hash of the id) held out for evaluation, in percent.
    public var heldOutPercent: Int = 10
    /// Documents whose consensus confidence is below it are left out.
    public var minConfidence: Double = 0
    /// Whether each example's gradient is scaled by its confidence.
    public var weightByConfidence: Bool = true

    public init() {}

    /// Names the first setting out of range.
    public func validate() throws {
        func bad(_ message: String) -> WinnowError { WinnowError(.invalidArgument, "classifier training: \(message)", scope: .run) }
        guard (1...1024).contains(dim) else { throw bad("dim must be in 1...1024, not \(dim)") }
        guard (1...10_000).contains(epochs) else { throw bad("epochs must be in 1...10000, not \(epochs)") }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 10 else { throw bad("learning rate must be in (0, 10], not \(learningRate)") }
        guard (1...10).contains(wordNgrams) else { throw bad("wordNgrams must be in 1...10, not \(wordNgrams)") }
        guard minn >= 0, maxn >= 0, maxn <= 20, maxn == 0 || (minn >= 1 && minn <= maxn) else {
            throw bad("char n-grams need 1 ≤ minn ≤ maxn ≤ 20 (or maxn 0 for none), not \(minn)...\(maxn)")
        }
        guard (0...50_000_000).contains(bucket) else { throw bad("bucket must be in 0...50000000, not \(bucket)") }
        guard bucket > 0 || (maxn == 0 && wordNgrams == 1) else { throw bad("char or word n-grams need bucket > 0") }
        guard minCount >= 1 else { throw bad("minCount must be at least 1, not \(minCount)") }
        guard (0...90).contains(heldOutPercent) else { throw bad("heldOutPercent must be in 0...90, not \(heldOutPercent)") }
        guard minConfidence.isFinite, (0...1).contains(minConfidence) else { throw bad("minConfidence must be in [0, 1], not \(minConfidence)") }
    }
}
