import Foundation
import WinnowIO

/// A small run directory written by hand: stats, plan, lineage (plain JSON Lines, one malformed line),
/// a consensus stage's labeler table and a reward ledger. Removed by `remove()`.
struct FabricatedRun {
    let path: String

    /// A source id that must come out escaped.
    static let hostileSource = "<script>alert(\"x\")</script>&co"

    init(ledger: Bool = true, labelers: Bool = true, malformedLine: Bool = true, manifest: String? = nil, label: String = #function) throws {
        let name = "winnow-report-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileSystem.createDirectory("\(path)/lineage")
        try write("stats.json", """
        {"pipeline": "fabricated", "fingerprint": "abc123def4567890abc123def4567890", "workers": 2, "inputs": 3,
         "inputBytes": 1234567, "documentsRead": 1234, "rejects": {"malformed-json": 7},
         "documentsWritten": 3, "shards": 1, "shardBytes": 2048,
         "stages": [
          {"label": "read.jsonl", "stage": "read.jsonl@1", "seen": 1234, "kept": 1234, "dropped": 0, "reasons": {}},
          {"label": "filter.length", "stage": "filter.length@1", "seen": 1234, "kept": 1000, "dropped": 234,
           "reasons": {"too_few_words": 200, "a<b & \\"c\\"": 34}},
          {"label": "dedup.exact", "stage": "dedup.exact@1", "seen": 1000, "kept": 3, "dropped": 997, "reasons": {"duplicate": 997}}
         ],
         "phases": [{"name": "segment-0", "tasks": 2, "maxTaskSeconds": 0.25,
           "merged": {"bytesIn": 1234567, "bytesOut": 99999, "documentsIn": 1234, "documentsOut": 1000}}],
         "wallSeconds": 1.5}
        """)
        try write("plan.json", """
        {"format": 1, "pipeline": "fabricated", "stages": [
          {"label": "read.jsonl", "stage": "read.jsonl@1", "role": "source", "config": {"inputs": ["in/<x>.jsonl"]}},
          {"label": "filter.length", "stage": "filter.length@1", "role": "document", "config": {"minWords": 5, "minCharacters": 0}},
          {"label": "dedup.exact", "stage": "dedup.exact@1", "role": "barrier", "config": {"partitions": 4}}]}
        """)
        var lines = [
            #"{"id": "a", "status": "kept", "source": "web", "weight": 0.5, "metadata": {"lang": "en"}, "attributes": {"filter.length": {"words": 10}, "dedup.exact": {"copies": 3}, "consensus": {"label": "good", "confidence": 0.9}}}"#,
            #"{"id": "b", "status": "kept", "source": "web", "weight": 1.0, "attributes": {"filter.length": {"words": 7, "lang": "fr"}, "dedup.exact": {"copies": 2}, "consensus": {"label": "good", "confidence": 0.8}}}"#,
            #"{"id": "c<1>", "status": "kept", "source": "\#(Self.hostileSource.replacingOccurrences(of: "\"", with: "\\\""))", "weight": 0.25, "attributes": {"filter.length": {"words": 9}, "dedup.exact": {"cluster_size": 2}, "consensus": {"label": "bad", "confidence": 0.6}}}"#,
            #"{"id": "d", "status": "dropped", "stage": "filter.length", "reason": "too_few_words", "source": "web", "metadata": {"lang": "en"}, "attributes": {"filter.length": {"words": 2}}}"#,
            #"{"id": "e", "status": "skipped", "source": "code", "attributes": {}}"#,
        ]
        if malformedLine { lines.append("{not json") }
        try write("lineage/unit-000000.jsonl", lines.joined(separator: "\n") + "\n")
        if labelers {
            try write("work/stages/consensus/labelers.json", """
            {"classes": ["good", "bad"], "priors": [0.75, 0.25], "labelers": [
              {"id": "ann", "labels": 40, "accuracy": 0.925, "agreement": 0.9, "chance": 0.75, "spammer": false, "adversarial": false, "confusion": [0.95, 0.05, 0.2, 0.8]},
              {"id": "bot<7>", "labels": 12, "accuracy": 0.5, "agreement": 0.5, "chance": 0.75, "spammer": true, "adversarial": false, "confusion": [0.5, 0.5, 0.5, 0.5]}]}
            """)
        }
        if ledger {
            try write("ledger.json", """
            {"unit": "micro", "labelerPool": 1000000, "contributorPool": 2000000, "unallocatedLabelerPool": 0, "unallocatedContributorPool": 0,
             "duplicateCredit": "first-seen",
             "labelers": [{"id": "ann", "labels": 40, "accuracy": 0.925, "chance": 0.75, "spammer": false, "adversarial": false, "information": 28, "amount": 1000000},
                          {"id": "bot<7>", "labels": 12, "accuracy": 0.5, "chance": 0.75, "spammer": true, "adversarial": false, "information": 0, "amount": 0}],
             "contributors": [{"id": "web", "documents": 2, "duplicatesAbsorbed": 3, "weight": 1.5, "amount": 1714286},
                              {"id": "zed & co", "documents": 1, "duplicatesAbsorbed": 1, "weight": 0.25, "amount": 285714}],
             "weights": {"documents": 3}}
            """)
        }
        if let manifest { try write("manifest.json", manifest) }
    }

    func write(_ name: String, _ text: String) throws {
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: "\(path)/\(name)"))
        try FileSystem.writeFileAtomically("\(path)/\(name)", Array(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
