/// The banding of a MinHash signature for locality-sensitive hashing: `bands` bands of `rows` rows each
/// (`bands × rows` hash functions in all).
///
/// ## The S-curve
///
/// For one hash function, two sets with Jaccard similarity `s` get the same minimum with probability `s`
/// (Broder 1997). A band of `r` independent rows agrees entirely with probability `s^r`; two documents become
/// a *candidate pair* when at least one of the `b` bands agrees, so
///
///     P(candidate | s) = 1 − (1 − s^r)^b.
///
/// This is an S-shaped curve in `s`. Its steepest point, the similarity at which a pair is about as likely to
/// be a candidate as not, is close to
///
///     t ≈ (1/b)^(1/r),
///
/// (Leskovec, Rajaraman, Ullman, *Mining of Massive Datasets*, §3.4.3). For the default 14 × 8 (the FineWeb
/// and datatrove layout) `t ≈ 0.719`: a pair at `s = 0.8` is a candidate with probability 0.924, at `s = 0.7`
/// with 0.45, at `s = 0.5` with 0.054. So the banding catches most pairs above the 0.8 target and lets
/// through some below it; candidate verification (``MinHashDedup/Verification``) then removes those.
public struct LSHShape: Sendable, Hashable, Codable {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    /// The number of hash functions (the signature length).
    public var hashes: Int { bands * rows }

    /// `P(candidate | s) = 1 − (1 − s^r)^b`, the probability that two documents of Jaccard similarity
    /// `similarity` share at least one band.
    public func candidateProbability(similarity: Double) -> Double {
        1 - Self.power(1 - Self.power(similarity, rows), bands)
    }

    /// `(1/b)^(1/r)`: the approximate similarity at the steepest point of the S-curve (solved by bisection of
    /// `t^r = 1/b` on `[0, 1]`, to 1e-15).
    public var approximateThreshold: Double {
        let target = 1 / Double(bands)
        var low = 0.0
        var high = 1.0
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if Self.power(middle, rows) < target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}

