public import WinnowCore

/// The stages this module contributes to `StageRegistry.builtIn`. Add each new stage type here.
public enum ConsensusStages {
    public static let all: [any Stage.Type] = [
        ConsensusStage.self,
        WeightedResampling.self,
        RewardLedgerStage.self,
    ]
}
