/// The distribution of the written documents' weights, in the run's `stats.json` (`weights`).
///
/// Each final-segment task summarises its input unit (`work/segments/<last>/unit-NNNNNN.weights.json`);
/// the closing phase merges the units in input order, so the figures, sums included, are the same at any
/// worker count. Memory is constant: a fixed histogram instead of sorted values (the consensus stage's
/// `summary.json` has exact quantiles over the documents it weighted).
public struct WeightDistribution: Sendable, Hashable, Codable {
    /// Bins of the histogram: ``binCount`` bins of equal width over [0, 1].
    public static let binCount = 20

    /// Documents written (each counted once, whatever its copies).
    public var documents: Int64 = 0
    /// Shard lines written: documents times their copies.
    public var lines: Int64 = 0
    /// Documents without a (finite) weight; they are in no figure below.
    public var unweighted: Int64 = 0
    /// Sum of the weights, over documents (not copies).
    public var sum: Double = 0
    /// Sum of weight × copies: the total training weight of the shards.
    public var weightedLines: Double = 0
    public var min: Double?
    public var max: Double?
    /// Counts per bin: bin `i` holds weights in [i/20, (i+1)/20), the last bin includes 1. Weights below 0
    /// count in the first bin and weights above 1 in ``aboveOne``.
    public var histogram: [Int64] = Array(repeating: 0, count: binCount)
    public var aboveOne: Int64 = 0

    public init() {}

    /// The mean weight of the weighted documents.
    public var mean: Double? {
        let weighted = documents - unweighted
        return weighted > 0 ? sum / Double(weighted) : nil
    }

    /// Adds one written document.
    public mutating func add(_ weight: Double?, copies: Int64) {
        documents += 1
        lines += copies
        guard let weight, weight.isFinite else {
            unweighted += 1
            return
        }
        sum += weight
        weightedLines += weight * Double(copies)
        min = Swift.min(min ?? weight, weight)
        max = Swift.max(max ?? weight, weight)
        if weight > 1 {
            aboveOne += 1
        } else {
            let bin = Int((weight * Double(Self.binCount)).rounded(.down))
            histogram[Swift.min(Swift.max(bin, 0), Self.binCount - 1)] += 1
        }
    }

    /// Adds `other` (the next unit in input order).
    public mutating func merge(_ other: WeightDistribution) {
        documents += other.documents
        lines += other.lines
        unweighted += other.unweighted
        sum += other.sum
        weightedLines += other.weightedLines
        if let value = other.min { min = Swift.min(min ?? value, value) }
        if let value = other.max { max = Swift.max(max ?? value, value) }
        for bin in histogram.indices where bin < other.histogram.count { histogram[bin] += other.histogram[bin] }
        aboveOne += other.aboveOne
    }

    enum CodingKeys: String, CodingKey {
        case documents, lines, unweighted, sum, mean, min, max, histogram
        case weightedLines = "weighted_lines"
        case aboveOne = "above_one"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        documents = try container.decode(Int64.self, forKey: .documents)
        lines = try container.decode(Int64.self, forKey: .lines)
        unweighted = try container.decode(Int64.self, forKey: .unweighted)
        sum = try container.decode(Double.self, forKey: .sum)
        weightedLines = try container.decode(Double.self, forKey: .weightedLines)
        min = try container.decodeIfPresent(Double.self, forKey: .min)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        histogram = try container.decode([Int64].self, forKey: .histogram)
        aboveOne = try container.decode(Int64.self, forKey: .aboveOne)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documents, forKey: .documents)
        try container.encode(lines, forKey: .lines)
        try container.encode(unweighted, forKey: .unweighted)
        try container.encode(sum, forKey: .sum)
        try container.encode(weightedLines, forKey: .weightedLines)
        try container.encodeIfPresent(mean, forKey: .mean)
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        try container.encode(histogram, forKey: .histogram)
        try container.encode(aboveOne, forKey: .aboveOne)
    }
}
