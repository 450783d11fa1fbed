public import WinnowCore

extension WinnowError.Code {
    /// A model file that is not a well-formed fastText model (bad magic, truncated, inconsistent sizes).
    public static let invalidModel: WinnowError.Code = "invalid-model"
    /// A well-formed model of a kind Winnow does not run (an unsupervised cbow / skip-gram model).
    public static let unsupportedModel: WinnowError.Code = "unsupported-model"
}
