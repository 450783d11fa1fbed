internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Reading and writing the run-level files: `plan.json` and `inputs.json`.
enum RunFiles {
    struct InputList: Codable {
        var inputs: [InputDescriptor]
    }

    static func loadPlan(_ layout: RunLayout) throws -> Plan {
        let bytes = try readRunFile(layout.planFile, what: "plan")
        do {
            return try Plan(json: try JSONParser.parse(bytes))
        } catch let error as JSONParseError {
            throw WinnowError(.invalidPlan, "plan file is not valid JSON: \(error)", at: .init(path: layout.planFile), scope: .run)
        }
    }

    static func writePlan(_ plan: Plan, to layout: RunLayout) throws {
        try FileSystem.writeFileAtomically(layout.planFile, plan.json.prettySerialized())
    }

    static func loadInputs(_ layout: RunLayout) throws -> [InputDescriptor] {
        let bytes = try readRunFile(layout.inputsFile, what: "input list")
        do {
            return try JSONCoding.decode(InputList.self, from: bytes).inputs
        } catch {
            throw WinnowError(.invalidPlan, "input list does not decode: \(error)", at: .init(path: layout.inputsFile), scope: .run)
        }
    }

    static func writeInputs(_ inputs: [InputDescriptor], to layout: RunLayout) throws {
        try FileSystem.writeFileAtomically(layout.inputsFile, try JSONCoding.prettyBytes(InputList(inputs: inputs)))
    }

    static func readRunFile(_ path: String, what: String) throws -> [UInt8] {
        guard try FileSystem.fileExists(path) else {
            throw WinnowError(.io, "the run's \(what) is missing: was the run prepared?", at: .init(path: path), scope: .run)
        }
        return try FileSystem.readFile(path)
    }
}
