public import Winnow

/// The pipelines this build of `winnow` knows. Add a pipeline by writing a file in `Pipelines/` that extends
/// `Pipelines` with a static property, and listing it in `all`.
public enum Pipelines {
    public static var all: [Pipeline] {
        [quickstart, webBatches, fineWebRecipe, benchE2E]
    }

    /// Stage types defined in `Pipelines/` (none yet); they are registered next to the built-in ones.
    public static let customStages: [any Stage.Type] = []

    public static func named(_ name: String) -> Pipeline? {
        all.first { $0.name == name }
    }

    /// The registry that tasks use to rebuild a plan's stages.
    public static var registry: StageRegistry {
        var registry = StageRegistry.builtIn
        for type in customStages { registry.register(type) }
        return registry
    }
}
