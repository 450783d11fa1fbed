import WinnowCore
import WinnowIO
import WinnowJSON

/// The datatrove/pycld2 reference fixture (Scripts/make-quality-fixture.py): documents and, in the same
/// order, the reference decisions.
struct QualityFixture {
    struct Expected {
        var id: String
        /// family name → (keep, reason)
        var decisions: [String: (keep: Bool, reason: String?)]
        var c4TextSHA256: String?
        var words: Int
        var cld2Code: String
        var cld2Percent: Int
        var cld2Reliable: Bool
    }

    var documents: [Document]
    var expected: [Expected]

    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures"
    }()

    static func readLines(_ path: String) throws -> [JSONObject] {
        var objects: [JSONObject] = []
        let reader = LineReader(source: try InputFile.open(path), path: path)
        try reader.forEachLine({ line in
            guard let object = try JSONParser.parse(line.bytes).objectValue else { fatalError("not an object: \(path)") }
            objects.append(object)
        }, oversized: { _ in fatalError("oversized line in \(path)") })
        return objects
    }

    static let shared: QualityFixture = {
        do {
            let docs = try readLines(directory + "/quality-docs.jsonl.zst")
            let expected = try readLines(directory + "/quality-expected.jsonl.zst")
            var documents: [Document] = []
            for (index, object) in docs.enumerated() {
                documents.append(Document(
                    id: object["id"]!.stringValue!, text: object["text"]!.stringValue!, source: object["source"]!.stringValue!,
                    metadata: object["metadata"]?.objectValue ?? JSONObject(),
                    origin: Origin(path: "quality-docs.jsonl.zst", inputIndex: 0, ordinal: Int64(index))))
            }
            let rows = expected.map { row -> Expected in
                var decisions: [String: (Bool, String?)] = [:]
                for family in ["gopher_quality", "gopher_repetition", "c4", "fineweb_quality"] {
                    let d = row[family]!.objectValue!
                    decisions[family] = (d["keep"]!.boolValue!, d["reason"]?.stringValue)
                }
                let cld2 = row["cld2"]!.objectValue!
                let top = cld2["languages"]!.arrayValue![0].arrayValue!
                return Expected(
                    id: row["id"]!.stringValue!, decisions: decisions,
                    c4TextSHA256: row["c4"]!.objectValue!["text_sha256"]?.stringValue,
                    words: Int(row["words"]!.int64Value!), cld2Code: top[0].stringValue!, cld2Percent: Int(top[1].int64Value!),
                    cld2Reliable: cld2["reliable"]!.boolValue!)
            }
            return QualityFixture(documents: documents, expected: rows)
        } catch {
            fatalError("cannot read the quality fixture: \(error)")
        }
    }()
}
