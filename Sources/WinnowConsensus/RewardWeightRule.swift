internal import Foundation
public import WinnowJSON

/// The training weight of a document, from its quality score and its consensus:
///
///     w = Q^α × G^β
///
/// * `Q`: the number at ``qualityPath`` in the document's attributes (for example
///   `attributes["quality"]["score"]`), clamped to [0, 1]. When the path is absent, or holds something other
///   than a number, `Q = 1` (the factor is neutral; invalid values are counted in the weight summary).
/// * `G`: the consensus posterior probability that the document's label is one of ``goodClasses``,
///   `G = Σ_{c ∈ good} P(label = c)`. Documents without labels have `G = 1`: they are weighted by quality
///   alone. With no good classes declared, `G = 1` for every document.
/// * `α` = ``qualityExponent``, `β` = ``posteriorExponent`` (≥ 0; 0 switches a factor off).
///
/// So `w` lies in [0, 1]; it is a pure function of the document's attributes and the consensus, hence
/// deterministic and independent of how the run is split into tasks.
public struct RewardWeightRule: Sendable, Hashable, Codable {
    public var qualityPath: [String]
    public var qualityExponent: Double
    public var goodClasses: [String]
    public var posteriorExponent: Double

    public init(
        qualityPath: [String] = ["quality", "score"], qualityExponent: Double = 1, goodClasses: [String] = [],
        posteriorExponent: Double = 1
    ) {
        self.qualityPath = qualityPath
        self.qualityExponent = qualityExponent
        self.goodClasses = goodClasses
        self.posteriorExponent = posteriorExponent
    }

    /// A message naming the first bad setting, or nil.
    public func problem(classes: LabelSet) -> String? {
        if qualityPath.isEmpty { return "qualityPath is empty" }
        if !(qualityExponent >= 0) || !qualityExponent.isFinite { return "qualityExponent \(qualityExponent) must be a finite number >= 0" }
        if !(posteriorExponent >= 0) || !posteriorExponent.isFinite { return "posteriorExponent \(posteriorExponent) must be a finite number >= 0" }
        for name in goodClasses where classes.index(of: name) == nil {
            return "good class '\(name)' is not one of the classes \(classes.classes)"
        }
        return nil
    }

    /// How a document's quality score was found.
    public enum QualityStatus: Sendable, Hashable {
        case present, absent, invalid
    }

    /// The quality score at ``qualityPath`` (nil when absent), and whether it was usable.
    public func quality(in attributes: JSONObject) -> (score: Double?, status: QualityStatus) {
        var value: JSONValue = .object(attributes)
        for key in qualityPath {
            guard let object = value.objectValue else { return (nil, .invalid) }
            guard let next = object[key] else { return (nil, .absent) }
            value = next
        }
        guard let score = value.doubleValue, score.isFinite else { return (nil, value.isNull ? .absent : .invalid) }
        return (score, .present)
    }

    /// `w` for a quality score (nil: absent) and a probability of a good label (nil: unlabeled).
    public func weight(quality: Double?, good: Double?) -> Double {
        let q = quality.map { min(max($0, 0), 1) } ?? 1
        let g = good.map { min(max($0, 0), 1) } ?? 1
        return power(q, qualityExponent) * power(g, posteriorExponent)
    }

    /// `x^e` with `0^0 = 1` (a switched-off factor is neutral even for a zero score).
    private func power(_ x: Double, _ e: Double) -> Double {
        if e == 0 { return 1 }
        if e == 1 { return x }
        return pow(x, e)
    }
}
