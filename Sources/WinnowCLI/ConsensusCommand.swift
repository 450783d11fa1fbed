import ArgumentParser
import Foundation
import Winnow
import WinnowJSON

struct ConsensusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Aggregate crowd labels into one label per item (majority vote, Dawid-Skene, one-coin, GLAD).",
        discussion: """
            Reads label files (CSV with a header naming item, labeler (or worker), label, and optionally time \
            and gold; or JSON Lines with those keys; gzip/zstd allowed) and writes FILE.csv: a header \
            `item,label,confidence` then one line per item, sorted by the item id's UTF-8 bytes. --labelers \
            writes the labeler table (labels, estimated accuracy, agreement with the consensus, spammer and \
            adversarial flags, confusion matrix). Bad label lines (malformed, unknown class, a repeated \
            (item, labeler) pair) are reported with file and line, counted and left out; --problems writes \
            them as JSON lines. Ties go to the class listed first in --classes (default: the labels found, \
            in numeric order when all are integers, else by bytes). Exit codes as for `winnow run`.
            """
    )

    @Argument(help: "Label files (CSV or JSON Lines).")
    var labels: [String]

    @Option(name: .long, help: "mv | ds | onecoin | glad.")
    var method = "ds"

    @Option(name: .long, help: "Where to write item,label,confidence.")
    var output: String

    @Option(name: .long, help: "Where to write the labeler table (CSV).")
    var labelers: String?

    @Option(name: .long, help: "The classes, comma-separated, in tie-break order (default: inferred).")
    var classes: String?

    @Option(name: .long, help: "reject (keep the first label of a repeated (item, labeler) pair) | keep (count every row, as crowd-kit does).")
    var duplicates = "reject"

    @Option(name: .long, help: "loglik (stop when the log-likelihood settles) | crowdkit (crowd-kit 1.4.2's rule, Dawid-Skene only).")
    var stopping = "loglik"

    @Option(name: .long, help: "Stopping tolerance (per label).")
    var tolerance = 1e-5

    @Option(name: .long, help: "Most EM iterations.")
    var maxIterations = 100

    @Option(name: .long, help: "Dirichlet pseudo-count of the M-step (ignored by --stopping crowdkit).")
    var smoothing = 0.01

    @Flag(name: .long, help: "Do not pin items with a gold label to it.")
    var noGoldAnchor = false

    @Flag(name: .long, help: "Add one p_<class> posterior column per class.")
    var posteriors = false

    @Option(name: .long, help: "Write every bad label line here as JSON lines.")
    var problems: String?

    @Flag(name: .long, help: "Stop at the first bad label line (exit code 65).")
    var failFast = false

    @Option(name: .long, help: "Label lines longer than this many bytes are left out (record-too-large).")
    var maxLineBytes = LabelReader.defaultMaxLineBytes

    @Option(name: .long, help: "Label rows past this many for one item are left out (limit-exceeded).")
    var maxLabelsPerItem = LabelReader.defaultMaxLabelsPerItem

    func validate() throws {
        if ConsensusMethod(rawValue: method) == nil { throw ValidationError("--method must be mv, ds, onecoin or glad, not '\(method)'") }
        if LabelReader.Duplicates(rawValue: duplicates) == nil { throw ValidationError("--duplicates must be reject or keep") }
        if StoppingRule(rawValue: stopping) == nil { throw ValidationError("--stopping must be loglik or crowdkit") }
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
        if maxLabelsPerItem < 1 { throw ValidationError("--max-labels-per-item must be at least 1") }
    }

    func run() throws {
        do {
            for path in labels where !Self.isFile(path) {
                throw WinnowError(.noInput, "no such label file: \(path)", scope: .run)
            }
            let declared = classes.map { LabelSet($0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
            try declared?.validate()
            let options = ConsensusOptions(
                method: ConsensusMethod(rawValue: method)!, maxIterations: maxIterations, tolerance: tolerance,
                stopping: StoppingRule(rawValue: stopping)!, smoothing: smoothing, anchorGold: !noGoldAnchor)
            if let problem = options.problem { throw WinnowError(.invalidArgument, problem, scope: .run) }
            let clock = ContinuousClock()
            let start = clock.now
            var problemLines: [UInt8] = []
            var shown = 0
            let reader = LabelReader(
                classes: declared, duplicates: LabelReader.Duplicates(rawValue: duplicates)!, maxLineBytes: maxLineBytes,
                maxLabelsPerItem: maxLabelsPerItem)
            let data = try reader.read(labels) { problem in
                if failFast {
                    throw WinnowError(.failFast, "stopping at the first bad label line (--fail-fast): \(problem.error)", at: problem.error.location, scope: .run)
                }
                if problems != nil {
                    problemLines += problem.record.serialized() + [0x0a]
                }
                if shown < 20 { CLI.printError("winnow: label left out: \(problem.error)") }
                shown += 1
            }
            let loaded = clock.now
            let result = try ConsensusEngine.run(data, options: options)
            let fitted = clock.now
            try Self.write(output, ConsensusCSV.items(result, posteriors: posteriors))
            if let labelers { try Self.write(labelers, ConsensusCSV.labelers(result)) }
            if let problems { try Self.write(problems, problemLines) }
            let problemText = data.counts.problems.keys.sorted().map { "\($0) \(data.counts.problems[$0]!)" }.joined(separator: ", ")
            CLI.printError("""
                labels          \(data.counts.lines) read, \(data.counts.accepted) used\(problemText.isEmpty ? "" : ", left out: \(problemText)")\
                \(data.counts.duplicatesKept > 0 ? ", \(data.counts.duplicatesKept) repeated pairs kept" : "")
                items           \(result.items.count), labelers \(result.labelers.count) (\(result.labelers.filter(\.spammer).count) spammers, \(result.labelers.filter(\.adversarial).count) adversarial), classes \(data.classes.classes.joined(separator: ","))
                method          \(method): \(result.iterations) iterations\(result.converged ? "" : " (not converged)")
                seconds         load \(Self.seconds(loaded - start)), fit \(Self.seconds(fitted - loaded))
                """)
        } catch {
            throw CLI.fail(error)
        }
    }

    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Writes `bytes` to a temporary file next to `path`, then renames it.
    static func write(_ path: String, _ bytes: [UInt8]) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WinnowError(.io, "cannot write \(path): \(error.localizedDescription)", scope: .run)
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f", value)
    }
}
