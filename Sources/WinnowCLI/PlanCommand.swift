import ArgumentParser
import Winnow
import WinnowJSON
import WinnowPipelines

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a pipeline's resolved plan and its fingerprint (validated, nothing is run)."
    )

    @Argument(help: "The pipeline name (see `winnow list`).")
    var name: String

    @Flag(help: "Print the plan as JSON: {\"fingerprint\": ..., \"plan\": ...}.")
    var json = false

    @Option(name: .long, help: "Replace the readers' inputs (repeatable).")
    var input: [String] = []

    @Option(name: .long, help: "Replace the output directory.")
    var output: String?

    func run() throws {
        do {
            let pipeline = try CLI.pipeline(named: name).overriding(inputs: input, output: output)
            let plan = try Plan(pipeline)
            if json {
                let value: JSONValue = .object(["fingerprint": .string(plan.fingerprint), "plan": plan.json])
                print(String(decoding: value.prettySerialized(), as: UTF8.self), terminator: "")
                return
            }
            print("pipeline    \(plan.pipeline)")
            if !plan.description.isEmpty { print("description \(plan.description)") }
            print("fingerprint \(plan.fingerprint)")
            print("stages:")
            for (index, spec) in plan.stages.enumerated() {
                let config = String(decoding: spec.config.serialized(sortKeys: true), as: UTF8.self)
                print("  \(index + 1). \(spec.label) [\(spec.identifier), \(spec.role.rawValue)] \(config)")
            }
            print("phases:")
            for phase in ExecutionPhase.phases(of: pipeline.stages) {
                print("  - \(phase.name)")
            }
        } catch {
            throw CLI.fail(error)
        }
    }
}
