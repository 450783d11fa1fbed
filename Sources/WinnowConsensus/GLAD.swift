internal import Foundation

/// GLAD (Generative model of Labels, Abilities and Difficulties; Whitehill, Ruvolo, Wu, Bergsma and
/// Movellan, "Whose Vote Should Count More", NIPS 2009), in its multi-class form: labeler `w` has an
/// ability `a_w` (negative for adversaries), item `t` an inverse difficulty `β_t = e^{b_t} > 0`, and
/// P(w answers t correctly) = `σ(a_w β_t)`, errors spread evenly over the other K − 1 classes.
///
/// * **E-step**: `q[t][c] ∝ p_c · Π_{labels (w, k) of t} (k = c ? σ(x) : (1 − σ(x))/(K − 1))`, `x = a_w β_t`.
/// * **M-step**: `p_c` as in ``DawidSkene``; `a` and `b` maximise the expected complete log-likelihood
///   `Q = Σ_labels [ s ln σ(x) + (1 − s) ln(1 − σ(x)) ] − Σ_w (a_w − 1)²/2 − Σ_t b_t²/2`, where
///   `s = q[t][k]` is the posterior that the label is right, with Gaussian priors a ~ N(1, 1), b ~ N(0, 1)
///   (Whitehill et al. put priors on both). `∂Q/∂x = s − σ(x)`, so with the other block fixed,
///   `∂Q/∂a_w = Σ (s − σ) β_t − (a_w − 1)`, `∂²Q/∂a_w² = −Σ σ(1 − σ) β_t² − 1` (concave), and
///   `∂Q/∂b_t = Σ (s − σ) x − b_t`, `∂²Q/∂b_t² = Σ [(s − σ) x − σ(1 − σ) x²] − 1`.
///   Each M-step runs ``ConsensusOptions/mStepIterations`` rounds of one damped Newton step per block
///   (|step| ≤ 1; a gradient step when the b-curvature is not negative), instead of the paper's conjugate
///   gradient: deterministic and allocation-free.
public enum GLAD {
    static func fit(_ data: LabelData, options: ConsensusOptions) -> ModelFit {
        let K = data.classCount, T = data.itemCount, W = data.labelerCount, R = data.rowCount
        let alpha = options.smoothing
        var q = MajorityVote.softVotes(data, anchorGold: options.anchorGold)
        var ability = Array(repeating: 1.0, count: W)
        var difficulty = Array(repeating: 0.0, count: T)  // b_t = ln β_t
        var priors = Array(repeating: 0.0, count: K)
        var logPriors = Array(repeating: 0.0, count: K)
        var gradient = Array(repeating: 0.0, count: W)
        var curvature = Array(repeating: 0.0, count: W)
        let logWrongShare = log(Double(K - 1))

        func mStep() {
            for c in 0..<K { priors[c] = 0 }
            for t in 0..<T { for c in 0..<K { priors[c] += q[t * K + c] } }
            for c in 0..<K {
                priors[c] = (priors[c] + alpha) / (Double(T) + Double(K) * alpha)
                logPriors[c] = log(max(priors[c], 1e-10))
            }
            for _ in 0..<options.mStepIterations {
                // Abilities, with the difficulties fixed.
                for w in 0..<W {
                    gradient[w] = -(ability[w] - 1)
                    curvature[w] = -1
                }
                for t in 0..<T {
                    let beta = exp(difficulty[t])
                    for row in data.itemStart[t]..<data.itemStart[t + 1] {
                        let w = Int(data.rowLabeler[row])
                        let sigma = logistic(ability[w] * beta)
                        let right = q[t * K + Int(data.rowLabel[row])]
                        gradient[w] += (right - sigma) * beta
                        curvature[w] -= sigma * (1 - sigma) * beta * beta
                    }
                }
                for w in 0..<W { ability[w] -= clamp(gradient[w] / curvature[w]) }
                // Difficulties, with the abilities fixed.
                for t in 0..<T {
                    let beta = exp(difficulty[t])
                    var g = -difficulty[t]
                    var h = -1.0
                    for row in data.itemStart[t]..<data.itemStart[t + 1] {
                        let x = ability[Int(data.rowLabeler[row])] * beta
                        let sigma = logistic(x)
                        let right = q[t * K + Int(data.rowLabel[row])]
                        g += (right - sigma) * x
                        h += (right - sigma) * x - sigma * (1 - sigma) * x * x
                    }
                    difficulty[t] += h < -1e-9 ? clamp(-g / h) : clamp(0.1 * g)
                }
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
                let beta = exp(difficulty[t])
                var wrong = 0.0
                for c in 0..<K { acc[c] = logPriors[c] }
                for row in data.itemStart[t]..<data.itemStart[t + 1] {
                    let x = ability[Int(data.rowLabeler[row])] * beta
                    let logRight = -softplus(-x)
                    let logWrong = -softplus(x) - logWrongShare
                    wrong += logWrong
                    acc[Int(data.rowLabel[row])] += logRight - logWrong
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

    @inline(__always) static func logistic(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    /// ln(1 + e^x), without overflow.
    @inline(__always) static func softplus(_ x: Double) -> Double {
        x > 30 ? x : (x < -30 ? exp(x) : log1p(exp(x)))
    }

    @inline(__always) static func clamp(_ step: Double) -> Double {
        step.isFinite ? min(max(step, -1), 1) : 0
    }
}
