/// Maps stage identifiers to stage types, so that a task can rebuild the stages of a plan from its JSON.
public struct StageRegistry: Sendable {
    private var types: [StageIdentifier: any Stage.Type] = [:]

    public init(_ types: [any Stage.Type]) {
        for type in types { register(type) }
    }

    public mutating func register(_ type: any Stage.Type) {
        precondition(types[type.identifier] == nil, "stage \(type.identifier) registered twice")
        types[type.identifier] = type
    }

    public var identifiers: [StageIdentifier] {
        types.keys.sorted { ($0.name, $0.version) < ($1.name, $1.version) }
    }

    /// Rebuilds the stage of `spec`.
    public func stage(for spec: StageSpec) throws -> any Stage {
        guard let type = types[spec.identifier] else {
            throw WinnowError(.unknownStage, "stage '\(spec.label)' has identifier \(spec.identifier), which this build of Winnow does not know", scope: .run)
        }
        do {
            return try Self.decode(type, from: spec)
        } catch let error as WinnowError {
            throw error
        } catch {
            throw WinnowError(.invalidPlan, "stage '\(spec.label)' (\(spec.identifier)): its configuration does not decode: \(error)", scope: .run)
        }
    }

    /// Rebuilds every stage of `plan` as a pipeline, checking that it plans to the same fingerprint.
    public func pipeline(for plan: Plan) throws -> Pipeline {
        let stages = try plan.stages.map { try stage(for: $0) }
        let pipeline = Pipeline(name: plan.pipeline, description: plan.description, options: plan.options, stageList: stages)
        let replanned = try Plan(pipeline)
        guard replanned.fingerprint == plan.fingerprint else {
            throw WinnowError(.invalidPlan, "plan of '\(plan.pipeline)' does not survive a round trip through its stages (fingerprint \(plan.fingerprint) became \(replanned.fingerprint))", scope: .run)
        }
        return pipeline
    }

    private static func decode<S: Stage>(_ type: S.Type, from spec: StageSpec) throws -> any Stage {
        try JSONCoding.decode(S.self, from: spec.config)
    }
}
