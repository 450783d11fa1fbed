import Testing
import WinnowConsensus
import WinnowCore
import WinnowJSON

@Suite struct LedgerTests {
    @Test(arguments: [
        (Int64(1_000_000), [1.0, 1.0, 1.0]),
        (Int64(10), [0.2, 0.3, 0.5, 0.0]),
        (Int64(7), [1.0, 1.0]),
        (Int64(999_999_937), [3.0, 1e-9, 7.5, 2.25, 0.1]),
        (Int64(1), [5.0, 5.0, 5.0]),
    ])
    func amountsSumExactlyToThePool(pool: Int64, shares: [Double]) {
        let ids = shares.indices.map { "c\($0)" }
        let amounts = Apportionment.split(pool, shares: shares, ids: ids)
        #expect(amounts.reduce(0, +) == pool)
        for (index, share) in shares.enumerated() {
            let quota = Double(pool) * share / shares.reduce(0, +)
            #expect(Double(amounts[index]) >= quota.rounded(.down) && Double(amounts[index]) <= quota.rounded(.up))
        }
    }

    @Test func remainderTiesGoByIDBytes() {
        #expect(Apportionment.split(7, shares: [1, 1], ids: ["b", "a"]) == [3, 4])
        #expect(Apportionment.split(2, shares: [1, 1, 1], ids: ["c", "B", "a"]) == [0, 1, 1])
        #expect(Apportionment.split(5, shares: [0, 0], ids: ["a", "b"]) == [0, 0])
    }

    static func report(_ id: String, labels: Int, accuracy: Double, spammer: Bool = false, adversarial: Bool = false) -> LabelerReport {
        LabelerReport(id: id, labels: labels, accuracy: accuracy, agreement: accuracy, chance: 0.5, spammer: spammer, adversarial: adversarial, confusion: [])
    }

    @Test func spammersAndAdversariesGetNothing() {
        let labelers = [
            Self.report("w3", labels: 100, accuracy: 0.9),
            Self.report("spam", labels: 1000, accuracy: 0.52, spammer: true),
            Self.report("liar", labels: 50, accuracy: 0.05, adversarial: true),
            Self.report("w1", labels: 50, accuracy: 0.9),
            Self.report("weak", labels: 10, accuracy: 0.4),
        ]
        let ledger = RewardLedger.compute(labelerPool: 1_000_000, contributorPool: 0, labelers: labelers, contributors: [], weights: WeightSummary())
        #expect(ledger.labelers.map(\.id) == ["liar", "spam", "w1", "w3", "weak"])
        #expect(ledger.labelers.map(\.amount) == [0, 0, 333_333, 666_667, 0])
        #expect(abs(ledger.labelers[3].information - 80) < 1e-9)  // 100 × (0.9 − 0.5)/(1 − 0.5)
        #expect(ledger.unallocatedLabelerPool == 0)
    }

    @Test func nobodyEarningLeavesThePoolUnallocated() {
        let ledger = RewardLedger.compute(
            labelerPool: 500, contributorPool: 300, labelers: [Self.report("s", labels: 9, accuracy: 0.5, spammer: true)],
            contributors: [], weights: WeightSummary())
        #expect(ledger.unallocatedLabelerPool == 500 && ledger.unallocatedContributorPool == 300)
        #expect(String(decoding: ledger.csv(), as: UTF8.self) == """
            kind,id,amount_micro,basis
            labeler,s,0,0.0
            unallocated,labelers,500,0
            unallocated,contributors,300,0

            """)
    }

    static func document(_ id: String, source: String, metadata: JSONObject = [:]) -> Document {
        Document(id: id, text: "t", source: source, metadata: metadata, origin: Origin(path: "x", inputIndex: 0, ordinal: 0))
    }

    @Test func contributorComesFromMetadataThenSource() {
        let rule = ContributorRule()
        #expect(rule.contributor(of: Self.document("1", source: "web", metadata: ["contributor": "alice"])) == "alice")
        #expect(rule.contributor(of: Self.document("2", source: "web", metadata: ["contributor": 42])) == "42")
        #expect(rule.contributor(of: Self.document("3", source: "web", metadata: ["contributor": ""])) == "web")
        #expect(ContributorRule(sourceSeparator: "/").contributor(of: Self.document("4", source: "github/alice/repo")) == "github")
        #expect(ContributorRule(metadataField: "who", useSource: false).contributor(of: Self.document("5", source: "web")) == ContributorRule.unattributed)
    }

    @Test func weightRule() {
        let rule = RewardWeightRule(qualityExponent: 2, goodClasses: ["good"])
        #expect(rule.weight(quality: 0.5, good: 0.8) == 0.25 * 0.8)
        #expect(rule.weight(quality: nil, good: 0.8) == 0.8)  // no quality score: factor 1
        #expect(rule.weight(quality: 0.5, good: nil) == 0.25)  // unlabeled: quality alone
        #expect(rule.weight(quality: 7, good: -1) == 0)  // clamped to [0, 1]
        let attributes: JSONObject = ["quality": ["score": 0.25], "bad": ["quality": ["score": "high"]]]
        #expect(rule.quality(in: attributes).score == 0.25)
        #expect(RewardWeightRule(qualityPath: ["bad", "quality", "score"]).quality(in: attributes).status == .invalid)
        #expect(RewardWeightRule(qualityPath: ["missing"]).quality(in: attributes).status == .absent)
        #expect(RewardWeightRule(goodClasses: ["nope"]).problem(classes: LabelSet(["bad", "good"])) != nil)
    }

    @Test func resamplingIsSeededByIDAndUnbiased() {
        let stage = WeightedResampling(scale: 2, seed: 7)
        #expect(stage.copies(id: "a", weight: 1.5) == stage.copies(id: "a", weight: 1.5))
        var total: Int64 = 0
        for index in 0..<20_000 {
            let copies = stage.copies(id: "doc-\(index)", weight: 0.3)
            #expect(copies == 0 || copies == 1)
            total += copies
        }
        // E = 0.6 per document; 20,000 draws: 12,000 ± 4.5 standard deviations (≈ 310).
        #expect(abs(total - 12_000) < 310)
        #expect(stage.copies(id: "x", weight: 3) == 6)
        #expect(WeightedResampling(scale: 2, seed: 8).copies(id: "x", weight: 0) == 0)
    }

    @Test func weightSummary() {
        let summary = WeightSummary([0.05, 0.5, nil, 1.0, 0.95])
        #expect(summary.documents == 5 && summary.unweighted == 1)
        #expect(abs(summary.sum - 2.5) < 1e-12 && summary.min == 0.05 && summary.max == 1.0)
        #expect(summary.histogram == [1, 0, 0, 0, 0, 1, 0, 0, 0, 2])
        #expect(summary.quantiles["p50"] == 0.5)
    }
}
