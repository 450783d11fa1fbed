import ArgumentParser
import Winnow
import WinnowReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's report: one self-contained HTML page with the funnel, score histograms and provenance.",
        discussion: "Reads stats.json, plan.json, manifest.json (verified), lineage/ and, when present, ledger.json and the consensus labeler tables. The page has no script and loads nothing from the network.")

    @Argument(help: "The run directory.")
    var directory: String

    @Option(name: .long, help: "Where to write the page (default: DIR/report.html).")
    var out: String?

    func run() throws {
        do {
            let path = try RunReport.write(runDirectory: directory, to: out)
            print("wrote \(path)")
        } catch {
            throw CLI.fail(error)
        }
    }
}
