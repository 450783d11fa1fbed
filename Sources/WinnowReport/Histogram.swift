internal import Foundation

/// Equal-width bins over a set of values.
///
/// When every value is an integer and the range spans at most ``maxBins`` integers, each integer gets its own
/// bin (word counts, cluster sizes; at least five bins); otherwise the range `[lower, upper]` is split into ``maxBins`` bins of
/// width `(upper − lower) / maxBins`, a value `v` falling in bin `⌊(v − lower) / width⌋`, the last bin closed
/// on the right. A threshold outside the values' range widens the range so that its line can be drawn.
struct Histogram: Equatable {
    static let maxBins = 24
    static let minIntegerBins = 5

    var lower: Double
    var upper: Double
    var counts: [Int64]
    /// Whether each bin is one integer (`lower + i`).
    var integerBins: Bool
    var total: Int64 { counts.reduce(0, +) }

    var binWidth: Double { integerBins ? 1 : (upper - lower) / Double(max(counts.count, 1)) }

    init(_ values: [Double], including extras: [Double] = []) {
        var low = values.min() ?? extras.min() ?? 0
        var high = values.max() ?? extras.max() ?? 0
        for extra in extras where extra.isFinite {
            low = Swift.min(low, extra)
            high = Swift.max(high, extra)
        }
        let integral = values.allSatisfy { $0 == $0.rounded() } && low == low.rounded()
        if integral && high - low < Double(Self.maxBins) {
            lower = low
            // At least `minIntegerBins` bins, so a single value does not fill the whole chart.
            upper = Swift.max(high.rounded(.up) + 1, low + Double(Self.minIntegerBins))
            integerBins = true
            counts = Array(repeating: 0, count: Int(upper - lower))
            for value in values { counts[Int(value - lower)] += 1 }
            return
        }
        integerBins = false
        lower = low
        upper = high > low ? high : low + 1
        counts = Array(repeating: 0, count: Self.maxBins)
        let width = (upper - lower) / Double(Self.maxBins)
        for value in values {
            let index = Int(((value - lower) / width).rounded(.down))
            counts[Swift.min(Swift.max(index, 0), Self.maxBins - 1)] += 1
        }
    }

    /// The position of `value` along the range, from 0 (lower) to 1 (upper).
    func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0
    }
}

/// Five-number summaries and nearest-rank quantiles.
enum Quantiles {
    /// The nearest-rank `p` quantile of sorted values: the value at rank `⌈p·n⌉` (1-based).
    static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
