import Foundation
import Testing
import WinnowCore
import WinnowDedup
import WinnowIO
import WinnowJSON

/// Exact-Jaccard verification of LSH candidates (`Verification.exact`): false candidates are removed, and the
/// similarity reported is the Jaccard of the shingle sets, computed here independently.
@Suite struct ExactVerificationTests {
    /// The Jaccard similarity of two texts' shingle-value sets, the naive way.
    static func naiveJaccard(_ x: String, _ y: String, stage: MinHashDedup) -> Double {
        let signer = MinHashSigner(stage)
        let a = Set(signer.shingleValues(x))
        let b = Set(signer.shingleValues(y))
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// An original `o` and copies at known distances: `o-close` (one word in 100 changed, J ≈ 0.9) and eight
    /// `o-far-K` (every 7th to 9th word changed, J ≈ 0.3–0.4 with `o`, less among themselves), many of which
    /// become LSH candidates without being duplicates.
    static func corpus(in directory: String) throws -> (path: String, texts: [String: String]) {
        var texts: [(String, [String])] = []
        let base = NearDuplicateCorpus.words(seed: 31, count: 800)
        texts.append(("o", base))
        texts.append(("o-close", NearDuplicateCorpus.edit(base, every: 100, tag: "k")))
        for copy in 0..<8 {
            texts.append(("o-far-\(copy)", NearDuplicateCorpus.edit(base, every: 7 + copy % 3, tag: "f\(copy)x")))
        }
        let path = "\(directory)/in.jsonl"
        try MinHashRun.write(path, lines: texts.map { NearDuplicateCorpus.line($0.0, $0.1) })
        return (path, Dictionary(uniqueKeysWithValues: texts.map { ($0.0, $0.1.joined(separator: " ")) }))
    }

    static func pairs(_ output: String, stage: MinHashDedup) throws -> [(a: String, b: String, jaccard: Double)] {
        try MinHashRun.lines(stage.pairsFile(runDirectory: output)).map {
            let object = try JSONParser.parse($0).objectValue!
            return (object["a"]!.stringValue!, object["b"]!.stringValue!, object["jaccard"]!.doubleValue!)
        }
    }

    @Test func falseCandidatesAreRemovedAndTheJaccardIsExact() throws {
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (input, texts) = try Self.corpus(in: directory)
        // Two hashes, one per band: any equal slot makes a candidate and gives an estimate of at least 0.5,
        // so at threshold 0.5 the signature check accepts every candidate, duplicates or not.
        func stage(_ verification: MinHashDedup.Verification) -> MinHashDedup {
            MinHashDedup(bands: 2, rows: 1, verification: verification, threshold: 0.5)
        }

        let raw = stage(.none)
        try MinHashRun.run(inputs: [input], output: "\(directory)/raw", stage: raw, workers: 1)
        let candidates = try Self.pairs("\(directory)/raw", stage: raw)
        let estimated = stage(.signature)
        try MinHashRun.run(inputs: [input], output: "\(directory)/signature", stage: estimated, workers: 1)
        let signaturePairs = try Self.pairs("\(directory)/signature", stage: estimated)
        let exact = stage(.exact)
        try MinHashRun.run(inputs: [input], output: "\(directory)/exact", stage: exact, workers: 2)
        let exactPairs = try Self.pairs("\(directory)/exact", stage: exact)

        // The signature check accepts every candidate, including pairs whose real similarity is below 0.5...
        #expect(signaturePairs.map { "\($0.a)|\($0.b)" } == candidates.map { "\($0.a)|\($0.b)" })
        let falsePositives = signaturePairs.filter { Self.naiveJaccard(texts[$0.a]!, texts[$0.b]!, stage: exact) < 0.5 }
        #expect(falsePositives.count >= 5)
        // ...exact verification keeps exactly the candidates at or above 0.5, with their true Jaccard.
        let truth = candidates.compactMap { pair -> String? in
            Self.naiveJaccard(texts[pair.a]!, texts[pair.b]!, stage: exact) >= 0.5 ? "\(pair.a)|\(pair.b)" : nil
        }
        #expect(exactPairs.map { "\($0.a)|\($0.b)" } == truth)
        #expect(exactPairs.map { "\($0.a)|\($0.b)" } == ["o|o-close"])
        for pair in exactPairs {
            #expect(pair.jaccard == Self.naiveJaccard(texts[pair.a]!, texts[pair.b]!, stage: exact))
        }
        let summary = try exact.summary(runDirectory: "\(directory)/exact")
        #expect(summary.candidatePairs == candidates.count)
        #expect(summary.verifiedPairs == 1)
        #expect(summary.dropped == 1)
        #expect(try MinHashRun.shardDocuments("\(directory)/exact").map { $0["id"]?.stringValue ?? "?" }
            == ["o"] + (0..<8).map { "o-far-\($0)" })

        // The dropped document's lineage records the exact value, to three decimals.
        let dropped = try MinHashRun.dropped("\(directory)/exact", inputs: 1)
        let jaccard = Self.naiveJaccard(texts["o"]!, texts["o-close"]!, stage: exact)
        let thousandths = Int((jaccard * 1000).rounded())
        #expect(dropped.map { $0["detail"]?.stringValue ?? "" } == [
            "near duplicate of o (exact Jaccard 0.\(thousandths), cluster \(StableHash.hex(StableHash.xxh3("o"))))"
        ])
    }

    @Test func repeatedShinglesCountOnce() throws {
        // "x y" repeated: every 5-gram is one of two shingles ("x y x y x", "y x y x y"); the copy with " z"
        // appended has one more ("x y x y z"), so J = 2/3 however often the others repeat.
        let directory = try MinHashRun.temporary()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = "\(directory)/in.jsonl"
        let loop = Array(repeating: "x y", count: 200).joined(separator: " ")
        try MinHashRun.write(input, lines: [
            "{\"id\": \"loop\", \"text\": \"\(loop)\"}", "{\"id\": \"loop-tail\", \"text\": \"\(loop) z\"}",
        ])
        let stage = MinHashDedup(bands: 20, rows: 1, threshold: 0.5)
        try MinHashRun.run(inputs: [input], output: "\(directory)/out", stage: stage, workers: 1)
        let pairs = try Self.pairs("\(directory)/out", stage: stage)
        #expect(pairs.count == 1)
        #expect(pairs.first?.jaccard == 2.0 / 3.0)
    }
}
