import Testing
import WinnowConsensus
import WinnowCore

@Suite struct LabelReaderTests {
    @Test func csvIsGroupedByItemWithSortedIDs() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        try ConsensusFixtures.write(path, "item,labeler,label,time\nb,w2,yes,1\na,w1,no,2\nb,w1,yes,3\n\n10,w1,no,4\n")
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(path, problems: &problems, classes: LabelSet(["no", "yes"]))
        #expect(problems.isEmpty)
        #expect(data.items == ["10", "a", "b"])
        #expect(data.labelers == ["w1", "w2"])
        #expect(data.itemStart == [0, 1, 2, 4])
        #expect(data.rowLabeler == [0, 0, 1, 0])  // b's rows in input order: w2 then w1
        #expect(data.rowLabel == [0, 0, 1, 1])
        #expect(data.counts.lines == 4 && data.counts.accepted == 4)
    }

    @Test func badLinesAreReportedWithFileAndLineAndLeftOut() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        try ConsensusFixtures.write(path, """
            item,labeler,label,gold
            a,w1,yes,
            a,w1,no,
            b,w1,maybe,
            c,w2,yes,
            a,w2
            ,w3,yes,
            "a,x",w3,"no",
            "open,w3,no,
            b,w2,no,no
            b,w3,yes,yes

            """)
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(path, problems: &problems, classes: LabelSet(["no", "yes"]), known: ["a", "a,x", "b"])
        let seen = problems.map { "\($0.error.location!.line!) \($0.error.code)" }.sorted()
        #expect(seen == [
            "11 conflicting-gold", "3 duplicate-label", "4 unknown-class", "5 unknown-item", "6 malformed-record",
            "7 missing-field", "9 malformed-record",
        ])
        #expect(problems.allSatisfy { $0.error.location?.path == path })
        #expect(data.counts.problems == [
            "conflicting-gold": 1, "duplicate-label": 1, "unknown-class": 1, "unknown-item": 1, "malformed-record": 2,
            "missing-field": 1,
        ])
        #expect(data.items == ["a", "a,x", "b"])
        #expect(data.counts.accepted == 4)  // a/w1, "a,x"/w3, b/w2, b/w3 (its gold value left out)
        #expect(data.gold == [-1, -1, 0])
        let unknown = problems.first { $0.error.code == .unknownItem }!
        #expect(unknown.raw == Array("c,w2,yes,".utf8))
        #expect(unknown.error.location?.byteOffset == Int64("item,labeler,label,gold\na,w1,yes,\na,w1,no,\nb,w1,maybe,\n".utf8.count))
    }

    @Test func duplicatesCanBeKeptAsCrowdKitDoes() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        try ConsensusFixtures.write(path, "item,worker,label\n1,w,1\n1,w,0\n1,v,1\n")
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(path, problems: &problems, duplicates: .keep)
        #expect(problems.isEmpty)
        #expect(data.counts.duplicatesKept == 1 && data.rowCount == 3)
    }

    @Test func jsonLinesWithNumbersAndInferredNumericClassOrder() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.jsonl"
        try ConsensusFixtures.write(path, """
            {"item": 7, "labeler": "w1", "label": 10}
            {"item": "7", "worker": "w2", "label": "2", "gold": 2}
            {"item": 8, "labeler": "w1", "label": [1]}
            not json

            """)
        var problems: [LabelProblem] = []
        let data = try ConsensusFixtures.read(path, problems: &problems)
        #expect(data.classes.classes == ["2", "10"])
        #expect(data.items == ["7"] && data.rowLabel == [1, 0] && data.gold == [0])
        #expect(problems.map { "\($0.error.location!.line!) \($0.error.code)" } == ["3 wrong-field-type", "4 malformed-json"])
    }

    @Test func aHeaderWithoutTheColumnsFailsTheRead() throws {
        let directory = try ConsensusFixtures.temporaryDirectory()
        let path = "\(directory)/labels.csv"
        try ConsensusFixtures.write(path, "id,who,what\n1,2,3\n")
        #expect(throws: WinnowError.self) { try LabelReader(classes: nil).read([path]) { _ in } }
    }
}
