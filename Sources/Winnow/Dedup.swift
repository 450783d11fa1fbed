/// Deduplication stages.
public enum Dedup {
    /// Keeps the first document of each group with the same normalized text. See ``ExactDedup``.
    public static func exact(
        normalization: TextNormalization = .whitespaceAndCase, partitions: Int = 16, label: String = "dedup.exact"
    ) -> ExactDedup {
        ExactDedup(normalization: normalization, partitions: partitions, label: label)
    }

    /// Near-duplicate removal with MinHash LSH (default: word 5-grams, 14 bands × 8 rows, candidates verified at
    /// an exact shingle-set Jaccard of 0.8, the earliest document of each cluster kept). See ``MinHashDedup``.
    public static func minhash(
        ngram: Int = 5, bands: Int = 14, rows: Int = 8, seed: UInt64 = 1, mode: ShingleMode = .words,
        foldDigits: Bool = false, verification: MinHashDedup.Verification = .exact, threshold: Double = 0.8,
        scoreAttribute: String? = nil, index: String? = nil, label: String = "dedup.minhash"
    ) -> MinHashDedup {
        MinHashDedup(
            ngram: ngram, bands: bands, rows: rows, seed: seed, mode: mode, foldDigits: foldDigits,
            verification: verification, threshold: threshold, scoreAttribute: scoreAttribute, index: index, label: label)
    }
}
