/// Majority vote: each item's posterior is the fraction of its labels that name each class (duplicates,
/// when kept, count as separate votes), and its label is the class with the most votes.
///
/// Tie-break: the class declared first in the ``LabelSet`` wins (crowd-kit picks the smallest label; declare
/// numeric classes in ascending order to match). Items with a gold label get that label with posterior 1
/// when `anchorGold` is set.
public enum MajorityVote {
    static func fit(_ data: LabelData, anchorGold: Bool) -> ModelFit {
        let posteriors = softVotes(data, anchorGold: anchorGold)
        let K = data.classCount
        var priors = Array(repeating: 0.0, count: K)
        for t in 0..<data.itemCount { for c in 0..<K { priors[c] += posteriors[t * K + c] } }
        let items = Double(max(1, data.itemCount))
        for c in 0..<K { priors[c] /= items }
        return ModelFit(posteriors: posteriors, priors: priors, iterations: 0, converged: true)
    }

    /// Vote fractions per item (the initialisation of every EM method), row-major `items × classes`.
    static func softVotes(_ data: LabelData, anchorGold: Bool) -> [Double] {
        let K = data.classCount
        var q = Array(repeating: 0.0, count: data.itemCount * K)
        for t in 0..<data.itemCount {
            let start = data.itemStart[t], end = data.itemStart[t + 1]
            if anchorGold && data.gold[t] >= 0 {
                q[t * K + Int(data.gold[t])] = 1
                continue
            }
            for row in start..<end { q[t * K + Int(data.rowLabel[row])] += 1 }
            let total = Double(end - start)
            for c in 0..<K { q[t * K + c] /= total }
        }
        return q
    }
}
