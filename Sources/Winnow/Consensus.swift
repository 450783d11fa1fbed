/// Labeler consensus, reward weights, resampling and the reward ledger.
public enum Consensus {
    /// Aggregates the labels in `files` and attaches to each document its consensus label, posterior and
    /// weight. See ``ConsensusStage`` (and ``RewardWeightRule`` for the weight).
    public static func labels(
        _ files: String..., classes: [String], method: ConsensusMethod = .dawidSkene, options: ConsensusOptions? = nil,
        duplicates: LabelReader.Duplicates = .reject, weight: RewardWeightRule? = RewardWeightRule(),
        maxLineBytes: Int = LabelReader.defaultMaxLineBytes, maxLabelsPerItem: Int = LabelReader.defaultMaxLabelsPerItem,
        label: String = "consensus"
    ) -> ConsensusStage {
        var resolved = options ?? ConsensusOptions()
        resolved.method = method
        return ConsensusStage(
            labels: files, classes: LabelSet(classes), options: resolved, duplicates: duplicates, weight: weight,
            maxLineBytes: maxLineBytes, maxLabelsPerItem: maxLabelsPerItem, label: label)
    }

    /// The weight rule `w = quality^α × P(label ∈ good)^β`. See ``RewardWeightRule``.
    public static func weight(
        quality path: [String] = ["quality", "score"], alpha: Double = 1, good: [String] = [], beta: Double = 1
    ) -> RewardWeightRule {
        RewardWeightRule(qualityPath: path, qualityExponent: alpha, goodClasses: good, posteriorExponent: beta)
    }

    /// Records how many times each document is to be written, proportionally to its weight. See ``WeightedResampling``.
    public static func resample(scale: Double = 1, seed: UInt64, label: String = "resample") -> WeightedResampling {
        WeightedResampling(scale: scale, seed: seed, label: label)
    }

    /// Splits the reward pools (micro-units) and writes `ledger.json` / `ledger.csv`. See ``RewardLedgerStage``.
    public static func ledger(
        labelerPool: Int64, contributorPool: Int64, contributor: ContributorRule = ContributorRule(),
        consensus: String? = "consensus", label: String = "ledger"
    ) -> RewardLedgerStage {
        RewardLedgerStage(labelerPool: labelerPool, contributorPool: contributorPool, contributor: contributor, consensusLabel: consensus, label: label)
    }
}
