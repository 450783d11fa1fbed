import ArgumentParser
import Foundation
import Winnow
import WinnowJSON

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a fastText-style classifier on documents labelled by consensus; write a fastText .bin model.",
        discussion: """
            Reads JSON Lines documents (id, text; gzip/zstd allowed) and the consensus table that `winnow consensus` \
            writes (item,label,confidence; joined on id = item), or without --labels each document's \
            attributes.consensus {label, confidence}. Trains a linear classifier on the average of word, word \
            n-gram and char n-gram embeddings (hashing trick), softmax or logistic loss, SGD weighted by the \
            consensus confidence, one thread, seeded: the same inputs and options give a byte-identical model. \
            Holds out --held-out percent of the documents (by a stable hash of the id) and reports the accuracy \
            on them. The model is in fastText's own .bin format: use it with Score.model(path:label:threshold:) \
            in a pipeline, or with fastText. Malformed document lines are counted and listed, not fatal.
            """
    )

    @Argument(help: "JSON Lines document files.")
    var documents: [String]

    @Option(name: .long, help: "The consensus table (item,label,confidence).")
    var labels: String?

    @Option(name: .long, help: "Where to write the model (.bin).")
    var output: String

    @Option(name: .long, help: "Write the training report here as JSON.")
    var report: String?

    @Option(name: .long, help: "Embedding size.") var dim = 16
    @Option(name: .long, help: "Passes over the data.") var epochs = 10
    @Option(name: .long, help: "Initial learning rate (decays linearly to 0).") var lr = 0.3
    @Option(name: .long, help: "Longest word n-gram (1: words only).") var wordNgrams = 2
    @Option(name: .long, help: "Shortest char n-gram.") var minn = 2
    @Option(name: .long, help: "Longest char n-gram (0: none).") var maxn = 4
    @Option(name: .long, help: "Hash buckets for n-grams.") var bucket = 200_000
    @Option(name: .long, help: "Minimum count of a vocabulary word.") var minCount = 2
    @Option(name: .long, help: "softmax | logistic.") var loss = "softmax"
    @Option(name: .long, help: "Random seed (initial weights, order, held-out split).") var seed: UInt64 = 1
    @Option(name: .long, help: "Percent of documents held out for evaluation.") var heldOut = 10
    @Option(name: .long, help: "Leave out documents whose consensus confidence is lower.") var minConfidence = 0.0
    @Flag(name: .long, help: "Do not weight examples by their consensus confidence.") var unweighted = false

    func validate() throws {
        if ClassifierOptions.Loss(rawValue: loss) == nil { throw ValidationError("--loss must be softmax or logistic, not '\(loss)'") }
    }

    func run() throws {
        do {
            var options = ClassifierOptions()
            options.dim = dim
            options.epochs = epochs
            options.learningRate = lr
            options.wordNgrams = wordNgrams
            options.minn = minn
            options.maxn = maxn
            options.bucket = bucket
            options.minCount = minCount
            options.loss = ClassifierOptions.Loss(rawValue: loss)!
            options.seed = seed
            options.heldOutPercent = heldOut
            options.minConfidence = minConfidence
            options.weightByConfidence = !unweighted
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = try Train.classifier(documents: documents, labels: labels, output: output, options: options).run()
            let elapsed = clock.now - start
            for problem in outcome.data.problems { CLI.printError("document left out: \(problem)") }
            let r = outcome.report
            func percent(_ value: Double?) -> String { value.map { String(format: "%.2f%%", 100 * $0) } ?? "n/a" }
            CLI.printError("""
                documents       \(outcome.data.documents) read, \(outcome.data.labelled) labelled, \(outcome.data.unlabelled) unlabelled, \
                \(outcome.data.rejected) malformed, \(outcome.data.duplicates) duplicate ids; \(outcome.data.itemsWithoutDocument) labelled items without a document
                split           \(r.trainDocuments) train, \(r.heldOutDocuments) held out, \(r.lowConfidenceDocuments) below --min-confidence
                model           \(r.labels.count) labels (\(r.labels.joined(separator: ","))), \(r.words) words, dim \(dim), sha256 \(outcome.modelSHA256)
                accuracy        held out \(percent(r.heldOutAccuracy)) (confidence-weighted \(percent(r.heldOutWeightedAccuracy)), majority baseline \(percent(r.heldOutMajorityBaseline))), train \(percent(r.trainAccuracy))
                seconds         \(String(format: "%.3f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
                """)
            if let report {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try ConsensusCommand.write(report, Array(try encoder.encode(outcome)) + [0x0a])
            }
        } catch {
            throw CLI.fail(error)
        }
    }
}
