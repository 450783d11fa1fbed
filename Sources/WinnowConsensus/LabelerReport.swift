internal import Foundation

/// What the consensus says about one labeler.
///
/// * `confusion[c * K + k]`: the estimated P(answers k | truth c), from the posteriors:
///   `Σ_{labels (t, w, k)} q[t][c] / Σ_{labels (t, w, ·)} q[t][c]`; a row with no posterior mass is all 0.
///   For Dawid–Skene this is the model's own (unsmoothed) estimate.
/// * `accuracy`: the expected share of the labeler's labels that are right, `Σ q[t][k] / n`.
/// * `agreement`: the share of the labeler's labels equal to the consensus label.
/// * `chance`: `max_c p_c`, the accuracy of always giving the most common class without looking.
/// * Flags, with `se = sqrt(chance (1 − chance) / n)` and `z` = ``ConsensusOptions/flagZ``:
///   `adversarial` when `accuracy < 1/K − z·se` (worse than answering at random: systematically wrong);
///   otherwise `spammer` when `accuracy ≤ chance + z·se` (not demonstrably better than a labeler who does
///   not look at the item: random answers, one fixed answer, or too few labels to tell).
public struct LabelerReport: Sendable, Hashable, Codable {
    public var id: String
    public var labels: Int
    public var accuracy: Double
    public var agreement: Double
    public var chance: Double
    public var spammer: Bool
    public var adversarial: Bool
    /// Row-major `classes × classes` (truth × answer).
    public var confusion: [Double]

    public init(
        id: String, labels: Int, accuracy: Double, agreement: Double, chance: Double, spammer: Bool, adversarial: Bool,
        confusion: [Double]
    ) {
        self.id = id
        self.labels = labels
        self.accuracy = accuracy
        self.agreement = agreement
        self.chance = chance
        self.spammer = spammer
        self.adversarial = adversarial
        self.confusion = confusion
    }

    static func reports(_ data: LabelData, posteriors q: [Double], labels: [Int], priors: [Double], z: Double) -> [LabelerReport] {
        let K = data.classCount, W = data.labelerCount
        var confusion = Array(repeating: 0.0, count: W * K * K)
        var correct = Array(repeating: 0.0, count: W)
        var agree = Array(repeating: 0, count: W)
        var count = Array(repeating: 0, count: W)
        for t in 0..<data.itemCount {
            for row in data.itemStart[t]..<data.itemStart[t + 1] {
                let w = Int(data.rowLabeler[row]), k = Int(data.rowLabel[row])
                for c in 0..<K { confusion[(w * K + c) * K + k] += q[t * K + c] }
                correct[w] += q[t * K + k]
                if labels[t] == k { agree[w] += 1 }
                count[w] += 1
            }
        }
        let chance = priors.max() ?? 0
        return (0..<W).map { w in
            var matrix = Array(confusion[(w * K * K)..<((w + 1) * K * K)])
            for c in 0..<K {
                let total = matrix[(c * K)..<((c + 1) * K)].reduce(0, +)
                if total > 0 { for k in 0..<K { matrix[c * K + k] /= total } }
            }
            let n = count[w]
            let accuracy = n > 0 ? correct[w] / Double(n) : 0
            let se = n > 0 ? sqrt(chance * (1 - chance) / Double(n)) : .infinity
            let adversarial = accuracy < 1 / Double(K) - z * se
            let spammer = !adversarial && accuracy <= chance + z * se
            return LabelerReport(
                id: data.labelers[w], labels: n, accuracy: accuracy, agreement: n > 0 ? Double(agree[w]) / Double(n) : 0,
                chance: chance, spammer: spammer, adversarial: adversarial, confusion: matrix)
        }
    }
}
