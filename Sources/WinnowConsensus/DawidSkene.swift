internal import Foundation

/// Dawid–Skene: every labeler `w` has a confusion matrix `π_w[c][k]` = P(w answers k | the truth is c), the
/// classes have a prior `p_c`, and labels are independent given the truth. EM alternates:
///
/// * **E-step** (posterior of each item's true class, given the current parameters):
///   `q[t][c] ∝ p_c · Π_{labels (w, k) of t} π_w[c][k]`, computed in logs and normalised with the row
///   maximum subtracted first. The log of the normaliser summed over items is the observed-data
///   log-likelihood `ℓ = Σ_t log Σ_c p_c Π π_w[c][k]`, which EM never decreases.
/// * **M-step** (maximum a posteriori parameters, given the posteriors, with a Dirichlet pseudo-count `α`
///   = `smoothing`): `π_w[c][k] = (Σ_{labels (t, w, k)} q[t][c] + α) / (Σ_{labels (t, w, ·)} q[t][c] + K α)`
///   and `p_c = (Σ_t q[t][c] + α) / (T + K α)`.
///
/// Initialisation: the posteriors are the majority-vote fractions, then one M-step. Items with a gold label
/// keep a one-hot posterior throughout (``ConsensusOptions/anchorGold``), which anchors the confusion matrices
/// of the labelers who labelled them. Stopping: ``StoppingRule/logLikelihood`` (|Δℓ| per label below the
/// tolerance) or, for comparison, ``StoppingRule/crowdKit``, which restates crowd-kit 1.4.2 exactly: no
/// pseudo-count but every count of an observed (labeler, answer) pair clipped below at 1e-10 (unobserved pairs
/// stay 0), `p_c` the plain mean of the posteriors, and a stop as soon as `ELBO / rows` — with
/// `ELBO = Σ_rows Σ_c q[t][c] (ln π_w[c][k] + ln max(p_c, 1e-10)) − Σ_t Σ_c q' ln q'`, `q' = max(q, 1e-10)`,
/// the clipped posteriors also being the ones returned — rises by less than the tolerance, or falls.
///
/// Layout: the parameters are one flat array `E[(w·K + k)·K + c]`, so the E-step adds `K` contiguous logs
/// per label and the M-step adds `K` contiguous posteriors per label; each iteration is two passes over
/// the labels grouped by item, with no dictionary or allocation inside.
///
/// References: A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer Error-Rates Using
/// the EM Algorithm", Applied Statistics 28(1), 1979. D. Ustalov et al., "Learning from Crowds with
/// Crowd-Kit", JOSS 9(96), 2024 (crowd-kit's implementation).
public enum DawidSkene {
    static let epsilon = 1e-10

    static func fit(_ data: LabelData, options: ConsensusOptions) -> ModelFit {
        let K = data.classCount, T = data.itemCount, W = data.labelerCount, R = data.rowCount
        let crowdKit = options.stopping == .crowdKit
        let alpha = crowdKit ? 0 : options.smoothing
        var q = MajorityVote.softVotes(data, anchorGold: options.anchorGold)
        var present = Array(repeating: false, count: W * K)
        for row in 0..<R { present[Int(data.rowLabeler[row]) * K + Int(data.rowLabel[row])] = true }
        var logE = Array(repeating: 0.0, count: W * K * K)
        var priors = Array(repeating: 0.0, count: K)
        var logPriors = Array(repeating: 0.0, count: K)
        var scratch = Array(repeating: 0.0, count: W * K * K)

        func mStep() {
            mStepConfusion(data, q: q, alpha: alpha, crowdKit: crowdKit, present: present, counts: &scratch, logE: &logE)
            for c in 0..<K { priors[c] = 0 }
            for t in 0..<T { for c in 0..<K { priors[c] += q[t * K + c] } }
            for c in 0..<K {
                priors[c] = (priors[c] + alpha) / (Double(T) + Double(K) * alpha)
                logPriors[c] = log(max(priors[c], epsilon))
            }
        }

        mStep()
        var iterations = 0
        var converged = false
        var previous = -Double.infinity
        while iterations < options.maxIterations {
            iterations += 1
            let likelihood = eStep(data, logPriors: logPriors, logE: logE, anchorGold: options.anchorGold, q: &q)
            mStep()
            if crowdKit {
                let elbo = crowdKitELBO(data, logPriors: logPriors, logE: logE, q: &q) / Double(R)
                if elbo - previous < options.tolerance {
                    converged = true
                    break
                }
                previous = elbo
            } else {
                if iterations > 1 && abs(likelihood - previous) < options.tolerance * Double(max(R, 1)) {
                    converged = true
                    break
                }
                previous = likelihood
            }
        }
        return ModelFit(posteriors: q, priors: priors, iterations: iterations, converged: converged)
    }

    /// `logE[(w·K + k)·K + c] = ln π_w[c][k]` from the posteriors `q`.
    static func mStepConfusion(
        _ data: LabelData, q: [Double], alpha: Double, crowdKit: Bool, present: [Bool], counts: inout [Double], logE: inout [Double]
    ) {
        let K = data.classCount, T = data.itemCount, W = data.labelerCount
        counts.withUnsafeMutableBufferPointer { counts in
            for index in counts.indices { counts[index] = alpha }
            q.withUnsafeBufferPointer { q in
                data.rowLabeler.withUnsafeBufferPointer { labeler in
                    data.rowLabel.withUnsafeBufferPointer { label in
                        data.itemStart.withUnsafeBufferPointer { start in
                            for t in 0..<T {
                                let qt = t * K
                                for row in start[t]..<start[t + 1] {
                                    let base = (Int(labeler[row]) * K + Int(label[row])) * K
                                    for c in 0..<K { counts[base + c] += q[qt + c] }
                                }
                            }
                        }
                    }
                }
            }
            if crowdKit {
                for pair in 0..<(W * K) where present[pair] {
                    for c in 0..<K { counts[pair * K + c] = max(counts[pair * K + c], epsilon) }
                }
            }
            logE.withUnsafeMutableBufferPointer { logE in
                for w in 0..<W {
                    for c in 0..<K {
                        var total = 0.0
                        for k in 0..<K { total += counts[(w * K + k) * K + c] }
                        for k in 0..<K {
                            let index = (w * K + k) * K + c
                            // Unobserved (w, k) pairs without smoothing are never read by the E-step.
                            logE[index] = total > 0 && counts[index] > 0 ? log(counts[index] / total) : -Double.infinity
                        }
                    }
                }
            }
        }
    }

    /// Posteriors from the parameters; returns the observed-data log-likelihood.
    static func eStep(_ data: LabelData, logPriors: [Double], logE: [Double], anchorGold: Bool, q: inout [Double]) -> Double {
        let K = data.classCount, T = data.itemCount
        var likelihood = 0.0
        var acc = Array(repeating: 0.0, count: K)
        q.withUnsafeMutableBufferPointer { q in
            logE.withUnsafeBufferPointer { logE in
                data.rowLabeler.withUnsafeBufferPointer { labeler in
                    data.rowLabel.withUnsafeBufferPointer { label in
                        data.itemStart.withUnsafeBufferPointer { start in
                            acc.withUnsafeMutableBufferPointer { acc in
                                for t in 0..<T {
                                    for c in 0..<K { acc[c] = logPriors[c] }
                                    for row in start[t]..<start[t + 1] {
                                        let base = (Int(labeler[row]) * K + Int(label[row])) * K
                                        for c in 0..<K { acc[c] += logE[base + c] }
                                    }
                                    let qt = t * K
                                    let gold = anchorGold ? Int(data.gold[t]) : -1
                                    if gold >= 0 {
                                        for c in 0..<K { q[qt + c] = 0 }
                                        q[qt + gold] = 1
                                        likelihood += acc[gold]
                                        continue
                                    }
                                    var top = acc[0]
                                    for c in 1..<K where acc[c] > top { top = acc[c] }
                                    var total = 0.0
                                    for c in 0..<K {
                                        let value = exp(acc[c] - top)
                                        q[qt + c] = value
                                        total += value
                                    }
                                    for c in 0..<K { q[qt + c] /= total }
                                    likelihood += top + log(total)
                                }
                            }
                        }
                    }
                }
            }
        }
        return likelihood
    }

    /// crowd-kit's stopping quantity (see the type's documentation); clips `q` at 1e-10 in place, as it does.
    static func crowdKitELBO(_ data: LabelData, logPriors: [Double], logE: [Double], q: inout [Double]) -> Double {
        let K = data.classCount, T = data.itemCount
        var joint = 0.0
        var entropy = 0.0
        q.withUnsafeMutableBufferPointer { q in
            for t in 0..<T {
                let qt = t * K
                for row in data.itemStart[t]..<data.itemStart[t + 1] {
                    let base = (Int(data.rowLabeler[row]) * K + Int(data.rowLabel[row])) * K
                    for c in 0..<K { joint += q[qt + c] * (logE[base + c] + logPriors[c]) }
                }
            }
            for index in q.indices {
                let value = max(q[index], epsilon)
                q[index] = value
                entropy += value * log(value)
            }
        }
        return joint - entropy
    }
}
