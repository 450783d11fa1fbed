import ArgumentParser
import Logging
import Winnow
import WinnowPipelines

@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Curate training data: ingest, deduplicate, score and shard, with provenance.",
        version: WinnowVersion.current,
        subcommands: [ListCommand.self, PlanCommand.self, RunCommand.self, TaskCommand.self, ExtractCommand.self, DedupCommand.self, ConsensusCommand.self, TrainCommand.self, PredictCommand.self,
            KeygenCommand.self, VerifyCommand.self, ProveCommand.self, VerifyProofCommand.self, TraceCommand.self, DiffCommand.self, ScoreCommand.self, StatusCommand.self, ReportCommand.self, StatsCommand.self]
    )
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Shared by the commands: logging set-up and the mapping of errors to exit codes.
enum CLI {
    static func bootstrapLogging(verbose: Bool, format: LogFormat = .text) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = verbose ? .debug : .info
                return handler
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = verbose ? .debug : .info
                return handler
            }
        }
    }

    /// Prints `error` to standard error and returns the exit code for it.
    static func fail(_ error: any Error) -> ExitCode {
        if let error = error as? WinnowError {
            printError("error: \(error)")
            return ExitCode(ExitCodes.code(for: error))
        }
        printError("error: \(error)")
        return ExitCode(ExitCodes.software)
    }

    static func printError(_ message: String) {
        var stderr = StandardError()
        print("winnow: \(message)", to: &stderr)
    }

    static func pipeline(named name: String) throws -> Pipeline {
        guard let pipeline = Pipelines.named(name) else {
            let known = Pipelines.all.map(\.name).joined(separator: ", ")
            throw WinnowError(.unknownPipeline, "no pipeline named '\(name)' (known: \(known)); see `winnow list`", scope: .run)
        }
        return pipeline
    }
}
