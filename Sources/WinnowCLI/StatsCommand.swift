import ArgumentParser
import Winnow
import WinnowReport

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print a run's key figures as terminal tables: totals, per-stage counts, sources, scores, manifest status.")

    @Argument(help: "The run directory.")
    var directory: String

    func run() throws {
        do {
            print(try RunReport(runDirectory: directory).statsText(), terminator: "")
        } catch {
            throw CLI.fail(error)
        }
    }
}
