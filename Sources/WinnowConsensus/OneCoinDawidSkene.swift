internal import Foundation

/// One-coin Dawid–Skene: each labeler `w` has a single skill `s_w` = P(answer = truth), and spreads errors
/// evenly: P(w answers k | truth c) = `s_w` if k = c, else `(1 − s_w) / (K − 1)`. EM as in ``DawidSkene``:
///
/// * **E-step**: `q[t][c] ∝ p_c · Π_{labels (w, k) of t} (k = c ? s_w : (1 − s_w)/(K − 1))`.
/// * **M-step**: `s_w = (Σ_{labels (t, w, k)} q[t][k] + α) / (n_w + 2α)` (the expected share of w's labels
///   that are right, with a Beta(1 + α, 1 + α) prior), clipped to [1e-10, 1 − 1e-10]; `p` as in Dawid–Skene.
///
/// Fewer parameters than the full model (one per labeler instead of K(K − 1)), so it is steadier for
/// labelers with few labels and blind to systematic confusions between particular classes.
public enum OneCoinDawidSkene {
    static func fit(_ data: LabelData, options: ConsensusOptions) -> ModelFit {
        let K = data.classCount, T = data.itemCount, W = data.labelerCount, R = data.rowCount
        let alpha = options.smoothing
        var q = MajorityVote.softVotes(data, anchorGold: options.anchorGold)
        var logRight = Array(repeating: 0.0, count: W)
        var logWrong = Array(repeating: 0.0, count: W)
        var priors = Array(repeating: 0.0, count: K)
        var logPriors = Array(repeating: 0.0, count: K)
        var correct = Array(repeating: 0.0, count: W)
        var labels = Array(repeating: 0.0, count: W)
        for row in 0..<R { labels[Int(data.rowLabeler[row])] += 1 }

        func mStep() {
            for w in 0..<W { correct[w] = alpha }
            for t in 0..<T {
                for row in data.itemStart[t]..<data.itemStart[t + 1] {
                    correct[Int(data.rowLabeler[row])] += q[t * K + Int(data.rowLabel[row])]
                }
            }
            for w in 0..<W {
                let skill = min(max(correct[w] / (labels[w] + 2 * alpha), 1e-10), 1 - 1e-10)
                logRight[w] = log(skill)
                logWrong[w] = log((1 - skill) / Double(K - 1))
            }
            for c in 0..<K { priors[c] = 0 }
            for t in 0..<T { for c in 0..<K { priors[c] += q[t * K + c] } }
            for c in 0..<K {
                priors[c] = (priors[c] + alpha) / (Double(T) + Double(K) * alpha)
                logPriors[c] = log(max(priors[c], 1e-10))
            }
        }

        mStep()
        var iterations = 0
        var converged = false
        var previous = -Double.infinity
        var acc = Array(repeating: 0.0, count: K)
        while iterations < options.maxIterations {
            iterations += 1
            var likelihood = 0.0
            for t in 0..<T {
                var wrong = 0.0
                for c in 0..<K { acc[c] = logPriors[c] }
                for row in data.itemStart[t]..<data.itemStart[t + 1] {
                    let w = Int(data.rowLabeler[row])
                    wrong += logWrong[w]
                    acc[Int(data.rowLabel[row])] += logRight[w] - logWrong[w]
                }
                for c in 0..<K { acc[c] += wrong }
                likelihood += normalize(&acc, into: &q, item: t, gold: options.anchorGold ? Int(data.gold[t]) : -1)
            }
            mStep()
            if iterations > 1 && abs(likelihood - previous) < options.tolerance * Double(max(R, 1)) {
                converged = true
                break
            }
            previous = likelihood
        }
        return ModelFit(posteriors: q, priors: priors, iterations: iterations, converged: converged)
    }
}

/// Writes the normalised `exp(acc)` into row `item` of `q` (or a one-hot row for a gold item) and returns
/// the row's log normaliser (its contribution to the log-likelihood).
func normalize(_ acc: inout [Double], into q: inout [Double], item: Int, gold: Int) -> Double {
    let K = acc.count
    let base = item * K
    if gold >= 0 {
        for c in 0..<K { q[base + c] = 0 }
        q[base + gold] = 1
        return acc[gold]
    }
    var top = acc[0]
    for c in 1..<K where acc[c] > top { top = acc[c] }
    var total = 0.0
    for c in 0..<K {
        let value = exp(acc[c] - top)
        q[base + c] = value
        total += value
    }
    for c in 0..<K { q[base + c] /= total }
    return top + log(total)
}
