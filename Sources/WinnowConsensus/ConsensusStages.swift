public import WinnowCore
public enum ConsensusStages { public static let all: [any Stage.Type] = [] }
