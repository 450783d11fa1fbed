/// Model-based scores.
public enum Score {
    /// Scores documents with a supervised fastText model (`.bin` or `.ftz`, including one `winnow train`
    /// wrote): the probability of `label` (`"hq"` or `"__label__hq"`; nil: of the top label) is recorded
    /// under `name` and, with a `threshold`, documents below it are dropped. See ``ModelScore``.
    public static func model(path: String, label: String? = nil, threshold: Double? = nil, k: Int = 1, name: String = "model") -> ModelScore {
        ModelScore(path: path, targetLabel: label, threshold: threshold, k: k, label: name)
    }
}
