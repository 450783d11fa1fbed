import Testing
import WinnowConsensus
import WinnowCore

/// Accuracy on the gold labels of two real sets (copied from shared/data/consensus), with every row kept as
/// crowd-kit does. The crowd-kit 1.4.2 figures are in shared/bench/README.md.
@Suite struct FixtureAccuracyTests {
    struct Case: Sendable, CustomStringConvertible {
        var set: String
        var method: ConsensusMethod
        var stopping: StoppingRule
        var correct: Int
        var iterations: Int?
        var description: String { "\(set) \(method) \(stopping)" }
    }

    static let cases: [Case] = [
        // crowd-kit: MV 0.9188, DS 0.9275 in 9 iterations, DS100 0.9275, OneCoinDS 0.925.
        Case(set: "rte", method: .majorityVote, stopping: .logLikelihood, correct: 735, iterations: 0),
        Case(set: "rte", method: .dawidSkene, stopping: .crowdKit, correct: 742, iterations: 9),
        Case(set: "rte", method: .dawidSkene, stopping: .logLikelihood, correct: 742, iterations: nil),
        Case(set: "rte", method: .oneCoin, stopping: .logLikelihood, correct: 740, iterations: nil),
        Case(set: "rte", method: .glad, stopping: .logLikelihood, correct: 739, iterations: nil),
        // crowd-kit: MV 0.7593, DS 0.8889 in 2 iterations (its early stop), DS100 0.8981, OneCoinDS 0.5833.
        Case(set: "bluebird", method: .majorityVote, stopping: .logLikelihood, correct: 82, iterations: 0),
        Case(set: "bluebird", method: .dawidSkene, stopping: .crowdKit, correct: 96, iterations: 2),
        Case(set: "bluebird", method: .dawidSkene, stopping: .logLikelihood, correct: 97, iterations: nil),
        Case(set: "bluebird", method: .oneCoin, stopping: .logLikelihood, correct: 63, iterations: nil),
        Case(set: "bluebird", method: .glad, stopping: .logLikelihood, correct: 62, iterations: nil),
    ]

    @Test(arguments: cases)
    func goldAccuracy(_ testCase: Case) throws {
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(ConsensusFixtures.labels(testCase.set), problems: &problems, duplicates: .keep)
        #expect(problems.isEmpty)
        let result = try ConsensusEngine.run(
            data, options: ConsensusOptions(method: testCase.method, stopping: testCase.stopping,
                                            smoothing: testCase.stopping == .crowdKit ? 0 : 0.01))
        let gold = try ConsensusFixtures.gold(testCase.set)
        #expect(ConsensusFixtures.correct(result, gold: gold) == testCase.correct, "of \(gold.count)")
        if let iterations = testCase.iterations { #expect(result.iterations == iterations) }
    }
}
