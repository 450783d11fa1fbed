public import WinnowCore

/// The stages this module contributes to `StageRegistry.builtIn`. Add each new stage type here.
public enum QualityStages {
    public static let all: [any Stage.Type] = [
        GopherQualityFilter.self,
        GopherRepetitionFilter.self,
        C4QualityFilter.self,
        FineWebQualityFilter.self,
        CodeFilter.self,
        LanguageFilter.self,
        PIIRedactor.self,
        QualityScore.self,
    ]
}
