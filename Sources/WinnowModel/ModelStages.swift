public import WinnowCore

/// The stages this module contributes to `StageRegistry.builtIn`.
public enum ModelStages {
    public static let all: [any Stage.Type] = [
        ModelScore.self,
    ]
}
