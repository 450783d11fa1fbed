/// Builds a pipeline's stage list from Swift statements: one stage per line, with `if`, `if`/`else`,
/// `switch` and `for` allowed.
@resultBuilder
public enum PipelineBuilder {
    public static func buildExpression(_ stage: some Stage) -> [any Stage] { [stage] }
    public static func buildExpression(_ stages: [any Stage]) -> [any Stage] { stages }
    public static func buildBlock(_ parts: [any Stage]...) -> [any Stage] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Stage]?) -> [any Stage] { part ?? [] }
    public static func buildEither(first part: [any Stage]) -> [any Stage] { part }
    public static func buildEither(second part: [any Stage]) -> [any Stage] { part }
    public static func buildArray(_ parts: [[any Stage]]) -> [any Stage] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [any Stage]) -> [any Stage] { part }
}
