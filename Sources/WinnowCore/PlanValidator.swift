/// The checks a pipeline passes before any work starts.
public enum PlanValidator {
    /// Labels name folders and stats keys: letters, digits, `.`, `_` and `-` only.
    public static func isValidLabel(_ label: String) -> Bool {
        !label.isEmpty && label.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == 0x2e || byte == 0x5f || byte == 0x2d
        }
    }

    public static func validate(_ pipeline: Pipeline) throws {
        func fail(_ message: String) -> WinnowError {
            WinnowError(.invalidPlan, "pipeline '\(pipeline.name)': \(message)", scope: .run)
        }
        guard isValidLabel(pipeline.name) else {
            throw fail("the name may hold only letters, digits, '.', '_' and '-'")
        }
        let roles = pipeline.stages.map { StageRole(of: $0) }
        guard let firstNonSource = roles.firstIndex(where: { $0 != .source }), firstNonSource > 0 else {
            throw fail(roles.isEmpty ? "it has no stages" : "it must start with at least one reader stage")
        }
        if let late = roles[firstNonSource...].firstIndex(of: .source) {
            throw fail("reader '\(pipeline.stages[late].label)' comes after non-reader stages; readers go first")
        }
        let sinks = roles.indices.filter { roles[$0] == .sink }
        guard sinks == [roles.count - 1] else {
            throw fail("it must end with exactly one writer stage (found \(sinks.count), last is '\(pipeline.stages.last!.label)')")
        }
        var seen: Set<String> = []
        for stage in pipeline.stages {
            guard isValidLabel(stage.label) else {
                throw fail("stage label '\(stage.label)' may hold only letters, digits, '.', '_' and '-'")
            }
            guard seen.insert(stage.label).inserted else {
                throw fail("two stages are labelled '\(stage.label)'; give one a distinct `label:`")
            }
            try stage.validate()
        }
        if let fraction = pipeline.options.maxRejectFraction, !(0...1).contains(fraction) {
            throw fail("maxRejectFraction \(fraction) is not within 0...1")
        }
    }
}
