import Testing
import WinnowConsensus
import WinnowCore

/// The label reader's limits: labels per item and line length, each quarantining the record with its code.
@Suite struct LabelLimitsTests {
    @Test func labelsPastTheLimitForAnItemAreLeftOut() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        try ConsensusFixtures.write(path, """
            item,labeler,label
            a,w1,yes
            a,w2,no
            b,w1,no
            a,w3,yes
            a,w4,yes
            a,w5,no
            b,w2,yes

            """)
        var problems: [LabelProblem] = []
        let data = try LabelReader(classes: LabelSet(["no", "yes"]), maxLabelsPerItem: 3).read([path]) { problems.append($0) }
        #expect(problems.map { "\($0.error.location!.line!) \($0.error.code)" } == ["6 limit-exceeded", "7 limit-exceeded"])
        #expect(problems[0].error.message == "item 'a' already has 3 labels (maxLabelsPerItem); this one is left out")
        #expect(problems[0].raw == Array("a,w4,yes".utf8))
        #expect(problems.allSatisfy { $0.error.location?.path == path && $0.error.scope == .record })
        #expect(data.counts.problems == ["limit-exceeded": 2])
        #expect(data.items == ["a", "b"])
        #expect(data.itemStart == [0, 3, 5])
        #expect(data.rowLabeler.map { data.labelers[Int($0)] } == ["w1", "w2", "w3", "w1", "w2"])
        #expect(data.counts.accepted == 5)
    }

    @Test func rejectedRowsDoNotCountTowardsTheLimit() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.jsonl"
        try ConsensusFixtures.write(path, """
            {"item":"a","labeler":"w1","label":"maybe"}
            {"item":"a","labeler":"w2","label":"yes"}
            {"item":"a","labeler":"w3","label":"no"}

            """)
        var problems: [LabelProblem] = []
        let data = try LabelReader(classes: LabelSet(["no", "yes"]), maxLabelsPerItem: 2).read([path]) { problems.append($0) }
        #expect(problems.map(\.error.code) == [.unknownClass])
        #expect(data.counts.accepted == 2)
    }

    @Test func longLinesAreLeftOutWithoutBeingHeld() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        let long = "a,w2," + String(repeating: "y", count: 200)
        try ConsensusFixtures.write(path, "item,labeler,label\na,w1,yes\n\(long)\nb,w1,no\n")
        var problems: [LabelProblem] = []
        let data = try LabelReader(classes: nil, maxLineBytes: 64).read([path]) { problems.append($0) }
        #expect(problems.map { "\($0.error.location!.line!) \($0.error.code)" } == ["3 record-too-large"])
        #expect(problems[0].error.message == "label line of 205 bytes, more than 64")
        #expect(data.counts.accepted == 2)
        #expect(data.classes.classes == ["no", "yes"])
    }

    @Test func limitsAreValidated() throws {
        #expect(throws: WinnowError.self) { _ = try LabelReader(classes: nil, maxLabelsPerItem: 0).read([]) { _ in } }
        #expect(throws: WinnowError.self) { _ = try LabelReader(classes: nil, maxLineBytes: 10).read([]) { _ in } }
        let stage = ConsensusStage(labels: ["labels.csv"], classes: LabelSet(["no", "yes"]), maxLabelsPerItem: 0)
        let error = #expect(throws: WinnowError.self) { try stage.validate() }
        #expect(error?.message.contains("maxLabelsPerItem 0 must be at least 1") == true)
        let defaults = ConsensusStage(labels: ["labels.csv"], classes: LabelSet(["no", "yes"]))
        #expect(defaults.maxLabelsPerItem == 10_000)
        #expect(defaults.maxLineBytes == 1 << 20)
        try defaults.validate()
    }
}

/// Found by review while fuzzing: more than 255 distinct inferred labels (counting gold labels) trapped in the
/// class renumbering (`UInt8(index)`), because a name past the 255th was interned before being refused.
@Suite struct ManyClassesRegressionTests {
    @Test(arguments: [false, true])
    func moreThan255InferredClassesAreLeftOutNotFatal(viaGold: Bool) throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        var text = "item,labeler,label,gold\n"
        for index in 0..<300 {
            text += viaGold ? "item\(index),w1,c0,g\(index)\n" : "item\(index),w1,c\(index),\n"
        }
        try ConsensusFixtures.write(path, text)
        var problems: [LabelProblem] = []
        let data = try LabelReader(classes: nil).read([path]) { problems.append($0) }
        #expect(data.classes.count == 255)
        #expect(problems.count == (viaGold ? 46 : 45))
        #expect(problems.allSatisfy { $0.error.code == .unknownClass })
        #expect(problems.first?.error.location?.line == (viaGold ? 256 : 257))
        #expect(data.counts.accepted == (viaGold ? 254 : 255))
    }

    @Test func declaringMoreThan255ClassesIsAnError() {
        let classes = LabelSet((0..<256).map { "c\($0)" })
        let error = #expect(throws: WinnowError.self) { _ = try LabelReader(classes: classes).read([]) { _ in } }
        #expect(error?.message == "a label set holds at most 255 classes, got 256")
    }
}
