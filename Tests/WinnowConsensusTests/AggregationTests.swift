import Testing
import WinnowConsensus
import WinnowCore

/// Hand-made cases with known answers.
@Suite struct AggregationTests {
    static let binary = LabelSet(["0", "1"])

    /// 20 items, truth alternating 0/1; r1 and r2 always right; h1, h2, h3 always answer 0.
    static func hammerCase() -> LabelData {
        var labels: [(item: String, labeler: String, label: String)] = []
        for item in 0..<20 {
            let truth = String(item % 2)
            let id = "i\(item < 10 ? "0" : "")\(item)"
            labels.append((id, "r1", truth))
            labels.append((id, "r2", truth))
            for hammer in ["h1", "h2", "h3"] { labels.append((id, hammer, "0")) }
        }
        return LabelData(classes: binary, labels: labels)
    }

    static func truth(_ data: LabelData) -> [Int] { data.items.indices.map { $0 % 2 } }

    @Test func majorityVoteFollowsTheHammers() throws {
        let data = Self.hammerCase()
        let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .majorityVote))
        #expect(result.labels == Array(repeating: 0, count: 20))
        #expect(result.confidence(1) == 0.6)
        #expect(result.iterations == 0)
    }

    @Test func dawidSkeneRecoversTheTruthAndFlagsTheHammers() throws {
        let data = Self.hammerCase()
        let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .dawidSkene))
        #expect(result.labels == Self.truth(data))
        #expect(result.labelers.map(\.id) == ["h1", "h2", "h3", "r1", "r2"])
        #expect(result.labelers.map(\.spammer) == [true, true, true, false, false])
        #expect(result.labelers.map(\.adversarial) == [false, false, false, false, false])
        #expect(result.labelers[3].agreement == 1 && result.labelers[0].agreement == 0.5)
    }

    /// 20 items, truth alternating 0/1; r1 and r2 always right; n1, n2, n3 each wrong on items 0-3 and on
    /// four items of their own (accuracy 0.6), so majority vote is wrong on items 0-3.
    static func noisyCase() -> LabelData {
        var labels: [(item: String, labeler: String, label: String)] = []
        for item in 0..<20 {
            let truth = item % 2
            let id = "i\(item < 10 ? "0" : "")\(item)"
            labels.append((id, "r1", String(truth)))
            labels.append((id, "r2", String(truth)))
            for (index, noisy) in ["n1", "n2", "n3"].enumerated() {
                let wrong = item < 4 || (4 + index * 4..<8 + index * 4).contains(item)
                labels.append((id, noisy, String(wrong ? 1 - truth : truth)))
            }
        }
        return LabelData(classes: binary, labels: labels)
    }

    @Test(arguments: [ConsensusMethod.dawidSkene, .oneCoin, .glad])
    func emMethodsTrustTheReliableLabelers(method: ConsensusMethod) throws {
        let data = Self.noisyCase()
        let vote = try ConsensusEngine.run(data, options: ConsensusOptions(method: .majorityVote))
        #expect(vote.labels.prefix(4) == [1, 0, 1, 0])  // wrong
        let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: method))
        #expect(result.labels == Self.truth(data))
        #expect(result.labelers.map(\.id) == ["n1", "n2", "n3", "r1", "r2"])
        #expect(result.labelers.map(\.spammer) == [true, true, true, false, false])
        #expect(result.labelers.map(\.agreement) == [0.6, 0.6, 0.6, 1, 1])
        #expect(result.converged)
    }

    @Test func dawidSkeneConfusionOfAHammer() throws {
        let result = try ConsensusEngine.run(Self.hammerCase(), options: ConsensusOptions(method: .dawidSkene, smoothing: 0))
        let hammer = result.labelers[0].confusion
        // Truth 0 -> answers 0, truth 1 -> answers 0: both rows put all mass on answer 0.
        #expect(abs(hammer[0] - 1) < 1e-9 && abs(hammer[2] - 1) < 1e-9)
        #expect(abs(result.labelers[3].confusion[0] - 1) < 1e-6 && abs(result.labelers[3].confusion[3] - 1) < 1e-6)
        #expect(abs(result.priors[0] - 0.5) < 1e-6)
    }

    @Test func majorityVoteTiesGoToTheClassDeclaredFirst() throws {
        let labels: [(item: String, labeler: String, label: String)] = [("x", "a", "good"), ("x", "b", "bad")]
        for order in [["good", "bad"], ["bad", "good"]] {
            let data = LabelData(classes: LabelSet(order), labels: labels)
            let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .majorityVote))
            #expect(result.classes.classes[result.labels[0]] == order[0])
            #expect(result.confidence(0) == 0.5)
        }
    }

    @Test func anAdversaryIsFlaggedAndItsAnswersAreInverted() throws {
        var labels: [(item: String, labeler: String, label: String)] = []
        for item in 0..<40 {
            let truth = item % 2
            let id = "i\(item < 10 ? "0" : "")\(item)"
            labels.append((id, "good1", String(truth)))
            labels.append((id, "good2", String(item % 5 == 0 ? 1 - truth : truth)))
            labels.append((id, "liar", String(1 - truth)))
        }
        let data = LabelData(classes: Self.binary, labels: labels)
        let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .dawidSkene))
        #expect(result.labels == Self.truth(data))
        let liar = result.labelers.first { $0.id == "liar" }!
        #expect(liar.adversarial && !liar.spammer && liar.accuracy < 0.01)
    }

    @Test func goldItemsAnchorTheLabelers() throws {
        // Two labelers who always disagree; without gold the model cannot tell who is right.
        var labels: [(item: String, labeler: String, label: String)] = []
        for item in 0..<10 {
            let id = "i\(item)"
            labels.append((id, "a", String(item % 2)))
            labels.append((id, "b", String(1 - item % 2)))
        }
        let gold = [(item: "i0", label: "1"), (item: "i1", label: "0"), (item: "i2", label: "1")]
        let data = LabelData(classes: Self.binary, labels: labels, gold: gold)
        let anchored = try ConsensusEngine.run(data, options: ConsensusOptions(method: .dawidSkene))
        #expect(anchored.labels == data.items.indices.map { 1 - $0 % 2 })  // b is right
        let free = try ConsensusEngine.run(data, options: ConsensusOptions(method: .dawidSkene, anchorGold: false))
        #expect(free.labels == Array(repeating: 0, count: 10))  // a 1:1 tie everywhere: the first class
    }

    @Test(arguments: ConsensusMethod.allCases)
    func resultsAreBitIdenticalAcrossRuns(method: ConsensusMethod) throws {
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(ConsensusFixtures.labels("bluebird"), problems: &problems)
        let first = try ConsensusEngine.run(data, options: ConsensusOptions(method: method))
        let second = try ConsensusEngine.run(data, options: ConsensusOptions(method: method))
        #expect(first.posteriors.map(\.bitPattern) == second.posteriors.map(\.bitPattern))
        #expect(ConsensusCSV.items(first) == ConsensusCSV.items(second))
        #expect(ConsensusCSV.labelers(first) == ConsensusCSV.labelers(second))
    }

    @Test func theItemsTableIsSortedWithHeaderFirst() throws {
        let data = LabelData(classes: LabelSet(["no", "yes, really"]), labels: [("b", "w", "no"), ("a", "w", "yes, really")])
        let result = try ConsensusEngine.run(data, options: ConsensusOptions(method: .majorityVote))
        #expect(String(decoding: ConsensusCSV.items(result), as: UTF8.self) == "item,label,confidence\na,\"yes, really\",1.0\nb,no,1.0\n")
    }

    @Test func badOptionsAreRefused() {
        let data = Self.hammerCase()
        #expect(throws: WinnowError.self) { try ConsensusEngine.run(data, options: ConsensusOptions(maxIterations: 0)) }
        #expect(throws: WinnowError.self) { try ConsensusEngine.run(data, options: ConsensusOptions(method: .glad, stopping: .crowdKit)) }
        #expect(throws: WinnowError.self) { try ConsensusEngine.run(data, options: ConsensusOptions(smoothing: -1)) }
    }
}
