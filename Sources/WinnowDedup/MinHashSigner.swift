/// Computes the MinHash signature and band keys of texts exactly as a ``MinHashDedup`` stage does, outside a
/// pipeline (for tests, benchmarks and tools). Reuses its buffers between calls; not `Sendable`, one per thread.
public final class MinHashSigner {
    public let stage: MinHashDedup
    let hasher: MinHasher
    let shingler: Shingler
    private var buffer: [UInt32]

    public init(_ stage: MinHashDedup) {
        self.stage = stage
        hasher = MinHasher(shape: stage.shape, seed: stage.seed)
        shingler = hasher.makeShingler(mode: stage.mode, ngram: stage.ngram, foldDigits: stage.foldDigits)
        buffer = Array(repeating: 0, count: stage.shape.hashes)
    }

    /// Signs `text` into ``lastSignature`` without allocating; returns the number of shingles (0: the text has
    /// no token and no signature).
    @discardableResult
    public func sign(_ text: String) -> Int {
        let count = shingler.shingle(text)
        if count > 0 {
            buffer.withUnsafeMutableBufferPointer { hasher.signature(of: shingler.values, count: count, into: $0.baseAddress!) }
        }
        return count
    }

    /// The signature computed by the last ``sign(_:)`` that found shingles.
    public var lastSignature: [UInt32] { buffer }

    /// The signature of `text`, or nil when it has no token.
    public func signature(_ text: String) -> [UInt32]? {
        sign(text) > 0 ? buffer : nil
    }

    /// The shingle values (32-bit) of `text`, in text order, duplicates included.
    public func shingleValues(_ text: String) -> [UInt32] {
        let count = shingler.shingle(text)
        return (0..<count).map { UInt32(truncatingIfNeeded: shingler.values[$0]) }
    }

    /// The LSH band keys of `signature`.
    public func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        precondition(signature.count == stage.shape.hashes, "signature has \(signature.count) values, not \(stage.shape.hashes)")
        return signature.withUnsafeBufferPointer { sig in
            (0..<stage.bands).map { hasher.bandKey(sig.baseAddress!, band: $0) }
        }
    }

    /// The fraction of equal slots of two signatures (the MinHash estimate of Jaccard similarity).
    public static func estimatedJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "signatures of different lengths")
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in MinHasher.estimatedJaccard(x.baseAddress!, y.baseAddress!, count: a.count) }
        }
    }
}
