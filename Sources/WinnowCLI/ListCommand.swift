import ArgumentParser
import Winnow
import WinnowPipelines

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered pipelines, one per line: name, then description."
    )

    func run() throws {
        for pipeline in Pipelines.all {
            print(pipeline.description.isEmpty ? pipeline.name : "\(pipeline.name)\t\(pipeline.description)")
        }
    }
}
