/// The distribution of document weights: counts, moments, quantiles and a histogram.
public struct WeightSummary: Sendable, Hashable, Codable {
    public var documents: Int64 = 0
    /// Documents without a weight (counted, not in the statistics below).
    public var unweighted: Int64 = 0
    public var sum: Double = 0
    public var mean: Double = 0
    public var min: Double = 0
    public var max: Double = 0
    /// Nearest-rank quantiles p10, p25, p50, p75, p90 of the weights.
    public var quantiles: [String: Double] = [:]
    /// Counts in ten bins of width 0.1 over [0, 1] (the last bin includes 1; weights above 1 count in it too).
    public var histogram: [Int64] = Array(repeating: 0, count: 10)

    public init() {}

    /// Summarises `weights` (nil entries count as unweighted). Sums in the order given.
    public init(_ weights: [Double?]) {
        var values: [Double] = []
        values.reserveCapacity(weights.count)
        for weight in weights {
            documents += 1
            guard let weight, weight.isFinite else {
                unweighted += 1
                continue
            }
            values.append(weight)
            sum += weight
            histogram[Swift.min(Swift.max(Int((weight * 10).rounded(.down)), 0), 9)] += 1
        }
        guard !values.isEmpty else { return }
        values.sort()
        mean = sum / Double(values.count)
        min = values[0]
        max = values[values.count - 1]
        for (name, fraction) in [("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p90", 0.90)] {
            let rank = Swift.max(1, Int((fraction * Double(values.count)).rounded(.up)))
            quantiles[name] = values[rank - 1]
        }
    }
}
