import Testing
import WinnowCore
import WinnowIngest

@Suite struct JSONLReaderTests {
    @Test(arguments: [
        ("a.jsonl", true), ("a.jsonl.gz", true), ("a.JSONL.ZST", true), ("a.ndjson", true),
        ("a.json.gz", true), ("a.txt", false), ("a.warc.gz", false), ("jsonl", false),
    ])
    func acceptsJSONLinesNames(path: String, accepted: Bool) {
        #expect(JSONLReader(["x"]).accepts(path: path) == accepted)
    }

    @Test func validationNamesTheSetting() {
        #expect(throws: WinnowError.self) { try JSONLReader(["x"], textField: "").validate() }
        #expect(throws: WinnowError.self) { try JSONLReader(["x"], textField: "a", idField: "a").validate() }
        #expect(throws: WinnowError.self) { try JSONLReader(["x"], maxRecordBytes: 10).validate() }
        #expect(throws: Never.self) { try JSONLReader(["x"]).validate() }
    }
}
