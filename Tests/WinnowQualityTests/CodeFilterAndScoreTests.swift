import Logging
import Testing
import WinnowCore
import WinnowJSON
@testable import WinnowQuality

@Suite struct CodeFilterAndScoreTests {
    static let context = TaskContext(rank: 0, worldSize: 1, phase: "t", runDirectory: "/nonexistent", logger: Logger(label: "t"))

    static func run(_ stage: some DocumentStage, _ text: String, metadata: JSONObject = ["kind": "code", "lang": "c"]) throws -> (Decision, Document) {
        var processor = try stage.makeProcessor(context: context)
        var document = Document(id: "d", text: text, source: "t", metadata: metadata, origin: Origin(path: "x", inputIndex: 0, ordinal: 0))
        let decision = try processor.process(&document)
        return (decision, document)
    }

    static let goodCode = """
        static int add_numbers(int first, int second)
        {
            return first + second;
        }
        """

    @Test func codeRulesFireInOrder() throws {
        #expect(try Self.run(CodeFilter(), Self.goodCode).0 == .keep)
        let longLine = String(repeating: "x = value + other; ", count: 60)
        #expect(try Self.run(CodeFilter(), longLine).0 == .drop(reason: "max_line_length", detail: "1140 > 1000"))
        #expect(try Self.run(CodeFilter(), "{ } ( ) ; ; ; ;\n[ ] = = ;\n").0.isKeep == false)
        #expect(try Self.run(CodeFilter(), "/* This file is auto-generated. */\n" + Self.goodCode).0
            == .drop(reason: "auto_generated", detail: "generated-code marker in the first 5 lines"))
        let blob = "static const char *key = \"" + String(repeating: "QUJD", count: 300) + "\";\n"
        #expect(try Self.run(CodeFilter(), Self.goodCode + "\n" + blob).0 == .drop(reason: "encoded_blob", detail: "1200 >= 1024"))
    }

    @Test func codeRuleAppliesOnlyToCodeAndHonoursExceptions() throws {
        let longLine = String(repeating: "\"key\": \"value\", ", count: 80)
        let (prose, document) = try Self.run(CodeFilter(), longLine, metadata: ["kind": "prose"])
        #expect(prose == .keep)
        #expect(document.attributes["filter.code"] == .object(["code": false]))
        #expect(try Self.run(CodeFilter(), longLine, metadata: ["language": "JSON"]).0 == .keep)
        #expect(try Self.run(CodeFilter(), longLine, metadata: ["language": "python"]).0.isKeep == false)
        #expect(CodeFilter.codeLanguage(["kind": "code"]) == "")
        #expect(CodeFilter.codeLanguage(["lang": "c"]) == nil)
    }

    @Test func qualityScoreFollowsTheFormula() throws {
        let prose = String(repeating: "The committee reviewed the proposal and agreed that the changes to the budget were reasonable. ", count: 1)
            + "It will meet again next week to decide on the schedule with the other members of the board.\n"
            + "Each member has to read the report, and the chair will collect the comments before the meeting.\n"
            + "The secretary sends the agenda to all members two days in advance of the vote on the plan.\n"
            + "Questions about the process can be sent to the office, which answers them within a day or two.\n"
            + "Minutes of the meeting are published on the website so that the public can follow the work.\n"
        let (decision, document) = try Self.run(QualityScore(), prose, metadata: [:])
        #expect(decision == .keep)
        let q = document.attributes["quality"]!.objectValue!
        let families = ["gopher_quality", "gopher_repetition", "c4", "fineweb_quality"].map { q[$0]!.doubleValue! }
        #expect(families.allSatisfy { (0...1).contains($0) })
        #expect(abs(q["score"]!.doubleValue! - families.reduce(0, +) / 4) < 1e-6)
        // Too short for Gopher (30 of 50 words: 0.6) and one stop word of 2 (0.5): the worst rule counts.
        let (_, short) = try Self.run(QualityScore(), String(repeating: "the cat sat on the mat. ", count: 5), metadata: [:])
        #expect(short.attributes["quality"]!.objectValue!["gopher_quality"] == .number(JSONNumber(0.5)))
        let check = RuleCheck(reason: "r", value: 0.3, threshold: 0.15, kind: .maximum)
        #expect(check.satisfaction == 0.5)
    }
}
