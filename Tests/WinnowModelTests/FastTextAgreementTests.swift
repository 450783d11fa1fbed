import Testing
import WinnowCore
import WinnowIO
import WinnowJSON
@testable import WinnowModel

/// Winnow's predictions against fastText 0.9.2's own (`model.predict(text, k=3)` through its Python
/// binding) on 1,210 documents, for the five models Scripts/make-fasttext-fixture.py trained.
@Suite struct FastTextAgreementTests {
    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures"
    }()

    static func readLines(_ path: String) throws -> [JSONObject] {
        var objects: [JSONObject] = []
        let reader = LineReader(source: try InputFile.open(path), path: path)
        try reader.forEachLine({ line in
            objects.append(try JSONParser.parse(line.bytes).objectValue!)
        }, oversized: { _ in Issue.record("oversized line in \(path)") })
        return objects
    }

    static let rows: [JSONObject] = (try? readLines(directory + "/predictions.jsonl.gz")) ?? []

    /// How many (document, rank) positions hold a different label of exactly equal probability (fastText's
    /// heap orders ties by position; the one-vs-all table sigmoid and the meaningless 300-label model make
    /// many ties), as measured with fastText 0.9.2.
    static let tieBudget = ["source-softmax.bin": 0, "source-softmax.ftz": 0, "source-hs.bin": 0, "source-ova.bin": 498, "buckets-qout.ftz": 881]
    /// The largest probability difference, as measured: hierarchical softmax and the sigmoids are bit-exact.
    static let differenceBudget: [String: Float] = ["source-softmax.bin": 1e-7, "source-softmax.ftz": 1e-7, "source-hs.bin": 0, "source-ova.bin": 0, "buckets-qout.ftz": 1e-7]

    @Test func fixtureHasEnoughDocuments() {
        #expect(Self.rows.count == 1_210)
    }

    @Test(arguments: ["source-softmax.bin", "source-softmax.ftz", "source-hs.bin", "source-ova.bin", "buckets-qout.ftz"])
    func topLabelsAndProbabilitiesMatchFastText(model name: String) throws {
        let model = try FastTextModel(path: Self.directory + "/" + name)
        var predictor = model.makePredictor()
        var compared = 0
        var maxDifference: Float = 0
        var ties = 0
        for row in Self.rows {
            let id = row["id"]!.stringValue!
            let expected = row[name]!.arrayValue!.map { pair in
                (label: pair.arrayValue![0].stringValue!, probability: Float(pair.arrayValue![1].numberValue!.doubleValue!))
            }
            let got = predictor.predict(row["text"]!.stringValue!, k: 3)
            try #require(got.count == expected.count, "\(name) \(id): \(got.count) predictions, fastText \(expected.count)")
            for (rank, (prediction, reference)) in zip(got, expected).enumerated() {
                let label = model.labels[prediction.label]
                if label != reference.label {
                    // Only a tie may order labels differently (fastText's heap breaks ties by position; the
                    // one-vs-all table sigmoid makes many): both labels must have the same probability.
                    #expect(abs(prediction.probability - reference.probability) <= 1e-6,
                            "\(name) \(id) rank \(rank): \(label) where fastText has \(reference.label)")
                    ties += 1
                }
                let difference = abs(prediction.probability - reference.probability)
                maxDifference = max(maxDifference, difference)
                #expect(difference <= 1e-4, "\(name) \(id) rank \(rank): \(prediction.probability) vs \(reference.probability)")
            }
            compared += 1
        }
        #expect(compared == 1_210)
        #expect(maxDifference <= Self.differenceBudget[name]!, "\(name): max difference \(maxDifference)")
        // The top label differs only where several labels tie for it.
        #expect(ties <= Self.tieBudget[name]!, "\(name): \(ties) tied positions")
    }
}
