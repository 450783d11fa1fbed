/// What a model fit produces: a posterior over classes per item and the class prior.
struct ModelFit {
    /// Row-major `items × classes`.
    var posteriors: [Double]
    var priors: [Double]
    var iterations: Int
    var converged: Bool
}

/// The consensus of a set of labels: per item a label, a posterior and a confidence; per labeler a report.
public struct ConsensusResult: Sendable {
    public var options: ConsensusOptions
    public var classes: LabelSet
    /// The items, sorted by UTF-8 bytes (as in ``LabelData/items``).
    public var items: [String]
    /// Row-major `items × classes`: `posteriors[t * K + c]` = P(item t is class c | labels).
    public var posteriors: [Double]
    /// The consensus class of each item: the most probable; ties go to the class declared first.
    public var labels: [Int]
    /// The estimated class prior.
    public var priors: [Double]
    /// EM iterations run (0 for majority vote).
    public var iterations: Int
    /// Whether the stopping rule fired before `maxIterations`.
    public var converged: Bool
    /// One report per labeler, sorted by id bytes.
    public var labelers: [LabelerReport]

    /// The posterior of item `t`'s consensus label.
    public func confidence(_ t: Int) -> Double { posteriors[t * classes.count + labels[t]] }

    /// The posterior of item `t` as an array over classes.
    public func posterior(_ t: Int) -> ArraySlice<Double> {
        posteriors[(t * classes.count)..<((t + 1) * classes.count)]
    }
}

/// The most probable class of each posterior row; ties go to the lowest index (the class declared first).
func argmaxLabels(_ posteriors: [Double], classes: Int) -> [Int] {
    let items = posteriors.count / classes
    var labels = Array(repeating: 0, count: items)
    for t in 0..<items {
        var best = 0
        var bestValue = posteriors[t * classes]
        for c in 1..<classes where posteriors[t * classes + c] > bestValue {
            best = c
            bestValue = posteriors[t * classes + c]
        }
        labels[t] = best
    }
    return labels
}
