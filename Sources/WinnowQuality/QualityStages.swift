public import WinnowCore
public enum QualityStages { public static let all: [any Stage.Type] = [] }
