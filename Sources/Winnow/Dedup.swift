/// Deduplication stages.
public enum Dedup {
    /// Keeps the first document of each group with the same normalized text. See ``ExactDedup``.
    public static func exact(
        normalization: TextNormalization = .whitespaceAndCase, partitions: Int = 16, label: String = "dedup.exact"
    ) -> ExactDedup {
        ExactDedup(normalization: normalization, partitions: partitions, label: label)
    }
}
