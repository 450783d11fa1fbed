import Foundation
import Testing
import WinnowCore
import WinnowIO
@testable import WinnowModel

/// Training from consensus labels: 1,200 documents (Debian documentation and Linux sources) labelled
/// prose/code by the Dawid–Skene consensus of three simulated 80%-accurate labelers
/// (Fixtures/train-consensus.csv, made by `winnow consensus` from Fixtures/train-labels.csv).
@Suite struct ClassifierTrainingTests {
    static let fixtures = FastTextAgreementTests.directory

    static var options: ClassifierOptions {
        var options = ClassifierOptions()
        options.dim = 8
        options.epochs = 10
        options.learningRate = 0.5
        options.bucket = 10_000
        options.heldOutPercent = 20
        options.seed = 3
        return options
    }

    static func data() throws -> (examples: [TrainingExample], summary: TrainingData.Summary) {
        try TrainingData.read(documents: [fixtures + "/predictions.jsonl.gz"], labels: fixtures + "/train-consensus.csv")
    }

    @Test func readsDocumentsJoinedWithTheConsensusTable() throws {
        let (examples, summary) = try Self.data()
        #expect(summary.documents == 1_210)
        #expect(summary.labelled == 1_200)
        #expect(summary.unlabelled == 10)  // the edge cases have no label
        #expect(summary.rejected == 0 && summary.duplicates == 0 && summary.itemsWithoutDocument == 0)
        #expect(examples.count == 1_200)
        #expect(Set(examples.map(\.label)) == ["code", "prose"])
        #expect(examples.map(\.id) == examples.map(\.id).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(examples.allSatisfy { $0.weight > 0.5 && $0.weight <= 1 })
    }

    @Test func heldOutAccuracyBeatsTheBaselineAndTheModelLoads() throws {
        let (examples, _) = try Self.data()
        let result = try ClassifierTrainer.train(examples, options: Self.options)
        let report = result.report
        #expect(report.trainDocuments + report.heldOutDocuments == 1_200)
        #expect(report.heldOutDocuments > 150)
        let accuracy = try #require(report.heldOutAccuracy)
        let baseline = try #require(report.heldOutMajorityBaseline)
        // The labels themselves are noisy (three 80% labelers: about 90% right), so 0.8 is a high bar.
        #expect(accuracy >= 0.80, "held-out accuracy \(accuracy)")
        #expect(accuracy >= baseline + 0.15, "held-out accuracy \(accuracy), baseline \(baseline)")
        let model = try FastTextModel(bytes: result.model, path: "trained")
        #expect(model.labels == ["__label__prose", "__label__code"])
        #expect(model.args.loss == .softmax && model.args.bucket == 10_000 && model.args.dim == 8)
        var predictor = model.makePredictor()
        let code = predictor.predict("static int probe(struct platform_device *pdev) { struct resource *res; return -ENODEV; }", k: 2)
        #expect(model.labels[code[0].label] == "__label__code")
        #expect(abs(code.map(\.probability).reduce(0, +) - 1) < 1e-3)
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        let (examples, _) = try Self.data()
        var options = Self.options
        options.epochs = 2
        options.loss = .logistic
        let first = try ClassifierTrainer.train(examples, options: options)
        let second = try ClassifierTrainer.train(examples.reversed(), options: options)
        let same = first.model == second.model  // (a Bool: Swift Testing would diff 80,000-byte arrays)
        #expect(same, "input order must not matter: examples are sorted by id, split by id and shuffled by seed")
        options.seed = 4
        let other = try ClassifierTrainer.train(examples, options: options)
        let different = other.model != first.model
        #expect(different)
    }

    @Test func readsTheConsensusFromDocumentAttributes() throws {
        let directory = NSTemporaryDirectory() + "winnow-train-\(UUID().uuidString)"
        try FileSystem.createDirectory(directory)
        defer { try? FileSystem.removeItem(directory, recursive: true) }
        let lines = [
            #"{"id":"b","text":"second doc","attributes":{"consensus":{"label":"good","confidence":0.75}}}"#,
            #"{"id":"a","text":"first doc","attributes":{"consensus":{"label":"bad","confidence":1}}}"#,
            #"{"id":"c","text":"no label"}"#,
            #"{"id":"a","text":"again"}"#,
            #"not json"#,
            #"{"id":3,"text":"id is a number"}"#,
        ]
        try FileSystem.writeFileAtomically(directory + "/docs.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))
        let (examples, summary) = try TrainingData.read(documents: [directory + "/docs.jsonl"], labels: nil)
        #expect(examples == [
            TrainingExample(id: "a", text: "first doc", label: "bad", weight: 1),
            TrainingExample(id: "b", text: "second doc", label: "good", weight: 0.75),
        ])
        #expect(summary.documents == 4 && summary.labelled == 2 && summary.unlabelled == 1 && summary.duplicates == 1)
        #expect(summary.rejected == 2)
        #expect(summary.problems.count == 2)
        #expect(summary.problems[0].hasPrefix(directory + "/docs.jsonl:5: "))
        #expect(summary.problems[1] == directory + "/docs.jsonl:6: no string `id` and `text`")
    }

    @Test(arguments: [
        ("item,label,confidence\na,good,0.9\na,bad,0.8\n", "item 'a' appears twice", 3),
        ("item,label,confidence\na,good,1.5\n", "confidence '1.5' is not a number in [0, 1]", 2),
        ("item,label,confidence\na,two words,0.5\n", "label 'two words' is empty or has whitespace", 2),
        ("id,class\na,good\n", "the header must name item, label and confidence", 1),
        ("item,label,confidence\n\"a,good,0.5\n", "unbalanced quotes", 2),
    ])
    func malformedConsensusTablesNameTheLine(table: String, message: String, line: Int64) throws {
        let directory = NSTemporaryDirectory() + "winnow-train-\(UUID().uuidString)"
        try FileSystem.createDirectory(directory)
        defer { try? FileSystem.removeItem(directory, recursive: true) }
        try FileSystem.writeFileAtomically(directory + "/labels.csv", Array(table.utf8))
        try FileSystem.writeFileAtomically(directory + "/docs.jsonl", Array(#"{"id":"a","text":"x"}"#.utf8))
        let error = try #require(throws: WinnowError.self) {
            try TrainingData.read(documents: [directory + "/docs.jsonl"], labels: directory + "/labels.csv")
        }
        #expect(error.code == .malformedRecord)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location?.line == line)
    }

    @Test func optionsOutOfRangeAreRejected() {
        var options = ClassifierOptions()
        options.minn = 5
        options.maxn = 3
        #expect(throws: WinnowError.self) { try options.validate() }
        options = ClassifierOptions()
        options.bucket = 0
        #expect(throws: WinnowError.self) { try options.validate() }
        #expect(throws: WinnowError.self) { try ClassifierTrainer.train([], options: ClassifierOptions()) }
    }
}
