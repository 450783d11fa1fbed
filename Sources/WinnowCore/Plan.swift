public import WinnowJSON

/// The role a stage plays in a pipeline, fixed by which stage protocol it adopts.
public enum StageRole: String, Sendable, Codable {
    case source, document, barrier, sink

    public init(of stage: any Stage) {
        switch stage {
        case is any SourceStage: self = .source
        case is any SinkStage: self = .sink
        case is any BarrierStage: self = .barrier
        default: self = .document
        }
    }
}

/// One stage of a plan: what it is, its label, and its configuration as data.
public struct StageSpec: Sendable, Hashable {
    public var identifier: StageIdentifier
    public var label: String
    public var role: StageRole
    public var config: JSONValue

    public init(identifier: StageIdentifier, label: String, role: StageRole, config: JSONValue) {
        self.identifier = identifier
        self.label = label
        self.role = role
        self.config = config
    }

    public init(_ stage: any Stage) throws {
        self.identifier = type(of: stage).identifier
        self.label = stage.label
        self.role = StageRole(of: stage)
        self.config = try JSONCoding.value(encoding: stage)
    }
}

/// A pipeline as data: what `winnow plan` prints, what tasks execute, and what the fingerprint hashes.
///
/// The fingerprint is the SHA-256 of the plan's canonical JSON: keys sorted by their UTF-8 bytes at every
/// level, no white space, numbers as written. Two plans with the same fingerprint do the same work.
public struct Plan: Sendable, Hashable {
    /// The version of the plan's JSON layout.
    public static let formatVersion = 1

    public var pipeline: String
    public var description: String
    public var options: PipelineOptions
    public var stages: [StageSpec]

    public init(pipeline: String, description: String, options: PipelineOptions, stages: [StageSpec]) {
        self.pipeline = pipeline
        self.description = description
        self.options = options
        self.stages = stages
    }

    /// The plan of `pipeline`, validated.
    public init(_ pipeline: Pipeline) throws {
        try PlanValidator.validate(pipeline)
        self.pipeline = pipeline.name
        self.description = pipeline.description
        self.options = pipeline.options
        self.stages = try pipeline.stages.map { try StageSpec($0) }
    }

    public var json: JSONValue {
        var stageValues: [JSONValue] = []
        for spec in stages {
            stageValues.append(.object([
                "stage": .string(spec.identifier.description),
                "label": .string(spec.label),
                "role": .string(spec.role.rawValue),
                "config": spec.config,
            ]))
        }
        // Options are few and flat; encoding them cannot fail.
        let options = (try? JSONCoding.value(encoding: self.options)) ?? .object(JSONObject())
        return .object([
            "format": .number(JSONNumber(Plan.formatVersion)),
            "pipeline": .string(pipeline),
            "description": .string(description),
            "options": options,
            "stages": .array(stageValues),
        ])
    }

    /// The canonical JSON bytes that the fingerprint hashes.
    public var canonicalJSON: [UInt8] { json.serialized(sortKeys: true) }

    /// SHA-256 (hex) of ``canonicalJSON``.
    public var fingerprint: String { StableHash.sha256Hex(canonicalJSON) }

    /// Reads a plan back from its JSON (for example a run's `plan.json`).
    public init(json: JSONValue) throws {
        func fail(_ message: String) -> WinnowError {
            WinnowError(.invalidPlan, "plan JSON: \(message)", scope: .run)
        }
        guard let object = json.objectValue else { throw fail("not an object") }
        guard let format = object["format"]?.int64Value, format == Plan.formatVersion else {
            throw fail("format is not \(Plan.formatVersion)")
        }
        guard let name = object["pipeline"]?.stringValue else { throw fail("missing 'pipeline'") }
        guard let stageValues = object["stages"]?.arrayValue else { throw fail("missing 'stages'") }
        self.pipeline = name
        self.description = object["description"]?.stringValue ?? ""
        self.options = try JSONCoding.decode(PipelineOptions.self, from: object["options"] ?? .object(JSONObject()))
        self.stages = try stageValues.enumerated().map { index, value in
            guard let stage = value["stage"]?.stringValue, let identifier = StageIdentifier(parsing: stage),
                  let label = value["label"]?.stringValue,
                  let roleText = value["role"]?.stringValue, let role = StageRole(rawValue: roleText),
                  let config = value["config"]
            else { throw fail("stage \(index) lacks stage, label, role or config") }
            return StageSpec(identifier: identifier, label: label, role: role, config: config)
        }
    }
}
