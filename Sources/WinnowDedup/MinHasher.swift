internal import WinnowCore

/// Computes MinHash signatures from shingle values, and the LSH band keys of a signature.
///
/// ## The hash family
///
/// Permutation `i` maps a 32-bit shingle value `x` to `h_i(x) = ((a_i · x + b_i) mod 2^64) >> 32`, with
/// `a_i`, `b_i` 64-bit values drawn from SplitMix64(`seed`) (`a_i` odd). This is Dietzfelbinger's
/// multiply-add-shift scheme, a strongly universal family from 32-bit keys to 32-bit values (Dietzfelbinger,
/// *Universal hashing and k-wise independent random variables via integer arithmetic without primes*, STACS
/// 1996) — the role datasketch's `(a·x + b) mod (2^61 − 1)` plays, without the modulo. The signature is
/// `sig_i = min over shingles of h_i(x)`, and `P(sig_i(A) = sig_i(B)) ≈ J(A, B)`; the fraction of equal
/// slots of two signatures estimates their Jaccard similarity (with 112 slots, standard error
/// `√(J(1−J)/112)`, 0.038 at J = 0.8).
///
/// The loop runs permutation-major (for each `i`, the minimum over all shingles), which the compiler
/// vectorizes. Band `j` of a signature (rows `j·r ..< (j+1)·r`) is keyed by the XXH3-64 of its `r` 32-bit
/// values (little-endian) with seed `bandSeed + j`.
///
/// Seeds: from one explicit `seed`, SplitMix64 yields, in order, the shingle seed, the band seed, then
/// `a_0, b_0, a_1, b_1, ...`; the token seed is `seed` itself. Golden vectors in the tests pin all of it.
final class MinHasher {
    let shape: LSHShape
    let tokenSeed: UInt64
    let shingleSeed: UInt64
    let bandSeed: UInt64
    private let multipliers: UnsafeMutablePointer<UInt64>
    private let increments: UnsafeMutablePointer<UInt64>
    private let bandScratch: UnsafeMutablePointer<UInt32>

    init(shape: LSHShape, seed: UInt64) {
        self.shape = shape
        var random = SplitMix64(seed: seed)
        tokenSeed = seed
        shingleSeed = random.next()
        bandSeed = random.next()
        let count = shape.hashes
        multipliers = .allocate(capacity: count)
        increments = .allocate(capacity: count)
        for index in 0..<count {
            multipliers[index] = random.next() | 1
            increments[index] = random.next()
        }
        bandScratch = .allocate(capacity: shape.rows)
    }

    deinit {
        multipliers.deallocate()
        increments.deallocate()
        bandScratch.deallocate()
    }

    /// A shingler with this hasher's seeds.
    func makeShingler(mode: ShingleMode, ngram: Int, foldDigits: Bool) -> Shingler {
        Shingler(mode: mode, ngram: ngram, foldDigits: foldDigits, tokenSeed: tokenSeed, shingleSeed: shingleSeed)
    }

    /// Writes the `shape.hashes` minimums of `values[0 ..< count]` (each below 2^32) to `signature`.
    /// With no values every slot is `UInt32.max`.
    func signature(of values: UnsafePointer<UInt64>, count: Int, into signature: UnsafeMutablePointer<UInt32>) {
        // Four permutations per pass over the values: four independent minimum chains keep the multiplier
        // busy (one chain is bound by the latency of compare-and-select), and each value is loaded once per
        // four slots.
        let hashes = shape.hashes
        var slot = 0
        while slot + 4 <= hashes {
            let a0 = multipliers[slot], a1 = multipliers[slot + 1], a2 = multipliers[slot + 2], a3 = multipliers[slot + 3]
            let b0 = increments[slot], b1 = increments[slot + 1], b2 = increments[slot + 2], b3 = increments[slot + 3]
            var m0: UInt64 = 0xffff_ffff, m1: UInt64 = 0xffff_ffff, m2: UInt64 = 0xffff_ffff, m3: UInt64 = 0xffff_ffff
            var index = 0
            while index < count {
                let x = values[index]
                let v0 = (a0 &* x &+ b0) >> 32
                let v1 = (a1 &* x &+ b1) >> 32
                let v2 = (a2 &* x &+ b2) >> 32
                let v3 = (a3 &* x &+ b3) >> 32
                m0 = v0 < m0 ? v0 : m0
                m1 = v1 < m1 ? v1 : m1
                m2 = v2 < m2 ? v2 : m2
                m3 = v3 < m3 ? v3 : m3
                index += 1
            }
            signature[slot] = UInt32(truncatingIfNeeded: m0)
            signature[slot + 1] = UInt32(truncatingIfNeeded: m1)
            signature[slot + 2] = UInt32(truncatingIfNeeded: m2)
            signature[slot + 3] = UInt32(truncatingIfNeeded: m3)
            slot += 4
        }
        while slot < hashes {
            let a = multipliers[slot]
            let b = increments[slot]
            var minimum: UInt64 = 0xffff_ffff
            for index in 0..<count {
                let value = (a &* values[index] &+ b) >> 32
                minimum = value < minimum ? value : minimum
            }
            signature[slot] = UInt32(truncatingIfNeeded: minimum)
            slot += 1
        }
    }

    /// The key of band `band` of `signature`.
    func bandKey(_ signature: UnsafePointer<UInt32>, band: Int) -> UInt64 {
        let rows = shape.rows
        for row in 0..<rows { bandScratch[row] = signature[band * rows + row].littleEndian }
        return StableHash.xxh3(UnsafeRawBufferPointer(start: bandScratch, count: rows * 4), seed: bandSeed &+ UInt64(band))
    }

    /// The fraction of equal slots of two signatures: the MinHash estimate of their Jaccard similarity.
    static func estimatedJaccard(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>, count: Int) -> Double {
        var equal = 0
        for index in 0..<count where a[index] == b[index] { equal += 1 }
        return Double(equal) / Double(count)
    }
}
