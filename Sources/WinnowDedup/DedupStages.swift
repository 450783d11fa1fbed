public import WinnowCore

/// The stages this module contributes to `StageRegistry.builtIn`. Add each new stage type here.
public enum DedupStages {
    public static let all: [any Stage.Type] = [
        ExactDedup.self,
        MinHashDedup.self,
    ]
}
