public import WinnowCore

/// The stages this module contributes to `StageRegistry.builtIn`. Add each new stage type here.
public enum IngestStages {
    public static let all: [any Stage.Type] = [
        JSONLReader.self,
        WARCReader.self,
        HTMLFileReader.self,
        TextFileReader.self,
        CodeTreeReader.self,
    ]
}
