import Foundation
import Testing
import Winnow
import WinnowIO
import WinnowJSON

/// Bad input never crashes a run and never vanishes: each case is reported with file, line and offset,
/// quarantined in `rejects/` with its reason, counted, and the rest of the run completes.
@Suite struct BadInputTests {
    static func record(_ id: String, _ text: String = "five words of good text") -> String {
        #"{"id":"\#(id)","text":"\#(text)"}"#
    }

    static func goodLines(_ prefix: String, count: Int) -> String {
        (0..<count).map { record("\(prefix)-\($0)", "document number \($0) of \(prefix) with several words") + "\n" }.joined()
    }

    static func pipeline(_ inputs: [String], output: String, maxRecordBytes: Int = 64 << 20, options: PipelineOptions = .init()) -> Pipeline {
        Pipeline("bad-input", options: options) {
            Read.jsonl(inputs[0], maxRecordBytes: maxRecordBytes)
            Write.shards(to: output)
        }
    }

    struct Outcome {
        var stats: RunStats
        var ids: [String]
        var rejects: [JSONObject]
    }

    /// Runs a directory holding `good.jsonl` (3 records) and the bad file `name`.
    static func run(bad name: String, _ bytes: [UInt8], maxRecordBytes: Int = 64 << 20, in directory: TemporaryDirectory) throws -> Outcome {
        _ = try directory.write("inputs/a-good.jsonl", goodLines("good", count: 3))
        _ = try directory.write("inputs/\(name)", bytes)
        let output = "\(directory.path)/run"
        let stats = try Fixtures.run(pipeline(["\(directory.path)/inputs"], output: output, maxRecordBytes: maxRecordBytes))
        let ids = try Fixtures.shardDocuments(output).map { $0["id"]!.stringValue! }
        return Outcome(stats: stats, ids: ids, rejects: try Fixtures.rejects(output))
    }

    static func expectOneReject(_ outcome: Outcome, code: String, path: String, line: Int64?, offset: Int64?, message: String) {
        #expect(outcome.rejects.count == 1)
        guard let reject = outcome.rejects.first else { return }
        #expect(reject["code"]?.stringValue == code)
        #expect(reject["path"]?.stringValue?.hasSuffix(path) == true)
        #expect(reject["line"]?.int64Value == line)
        #expect(reject["offset"]?.int64Value == offset)
        #expect(reject["message"]?.stringValue?.contains(message) == true, "message: \(reject["message"]?.stringValue ?? "")")
        #expect(outcome.stats.rejects == [code: 1])
    }

    @Test func aLineThatIsNotJSON() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = Self.record("b-0") + "\n"
        let text = first + "this is not json\n" + Self.record("b-2") + "\n"
        let outcome = try Self.run(bad: "b-bad.jsonl", Array(text.utf8), in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2", "b-0", "b-2"])
        Self.expectOneReject(outcome, code: "malformed-json", path: "b-bad.jsonl", line: 2, offset: Int64(first.utf8.count + 1), message: "not a JSON record")
        #expect(outcome.rejects[0]["raw"]?.stringValue == "this is not json")
    }

    @Test func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = Array((Self.record("b-0") + "\n").utf8)
        let bad = Array(#"{"id":"b-1","text":"caf"#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        let outcome = try Self.run(bad: "b-bad.jsonl", first + bad + Array((Self.record("b-2") + "\n").utf8), in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2", "b-0", "b-2"])
        // The offset points at the byte where the UTF-8 sequence that starts at 0xC3 breaks (0x28).
        Self.expectOneReject(outcome, code: "invalid-utf8", path: "b-bad.jsonl", line: 2, offset: Int64(first.count + 24), message: "not a JSON record")
        #expect(outcome.rejects[0]["raw_base64"]?.stringValue == Data(bad.dropLast()).base64EncodedString())
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func truncatedCompressedStream(_ compression: Compression) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let plain = Array(Self.goodLines("b", count: 20000).utf8)
        let compressed = try Fixtures.compress(plain, compression, in: directory)
        let cut = Array(compressed.prefix(compressed.count * 2 / 3))
        let name = "b-cut.jsonl" + compression.fileExtension
        let outcome = try Self.run(bad: name, cut, in: directory)

        #expect(Array(outcome.ids.prefix(3)) == ["good-0", "good-1", "good-2"])
        let salvaged = outcome.ids.dropFirst(3)
        #expect(salvaged.count > 0 && salvaged.count < 20000)
        #expect(Array(salvaged) == (0..<salvaged.count).map { "b-\($0)" }, "records before the cut are kept, in order")
        #expect(outcome.rejects.count == 1)
        #expect(outcome.rejects.first?["code"]?.stringValue == "truncated-stream")
        #expect(outcome.rejects.first?["path"]?.stringValue?.hasSuffix(name) == true)
        #expect(outcome.rejects.first?["offset"]?.int64Value != nil)
        #expect(outcome.stats.rejects == ["truncated-stream": 1])
    }

    @Test func aMissingTextField() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = Self.record("b-0") + "\n"
        let outcome = try Self.run(bad: "b-bad.jsonl", Array((first + #"{"id":"b-1","body":"no text here"}"# + "\n").utf8), in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2", "b-0"])
        Self.expectOneReject(outcome, code: "missing-field", path: "b-bad.jsonl", line: 2, offset: Int64(first.utf8.count), message: "no 'text' field")
    }

    @Test func wrongTypes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let text = #"{"id":"b-0","text":42}"# + "\n" + "[1,2]\n" + #"{"id":{"a":1},"text":"x"}"# + "\n"
        let outcome = try Self.run(bad: "b-bad.jsonl", Array(text.utf8), in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2"])
        #expect(outcome.rejects.map { $0["line"]!.int64Value! } == [1, 2, 3])
        #expect(outcome.stats.rejects == ["wrong-field-type": 3])
    }

    @Test func anEmptyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let outcome = try Self.run(bad: "b-empty.jsonl", [], in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2"])
        Self.expectOneReject(outcome, code: "empty-input", path: "b-empty.jsonl", line: 1, offset: 0, message: "empty")
    }

    @Test func anOversizedRecordIsRejectedWithoutBufferingIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let big = Self.record("b-0", String(repeating: "word ", count: 2000)) + "\n"
        let outcome = try Self.run(bad: "b-big.jsonl", Array((big + Self.record("b-1") + "\n").utf8), maxRecordBytes: 4096, in: directory)
        #expect(outcome.ids == ["good-0", "good-1", "good-2", "b-1"])
        Self.expectOneReject(outcome, code: "record-too-large", path: "b-big.jsonl", line: 1, offset: 0, message: "exceeds maxRecordBytes 4096")
        #expect(outcome.rejects[0]["raw_truncated"]?.boolValue == false)
    }

    @Test func failFastStopsAtTheFirstBadRecord() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        _ = try directory.write("inputs/a.jsonl", Self.goodLines("a", count: 2) + "oops\n" + Self.goodLines("c", count: 2))
        let output = "\(directory.path)/run"
        do {
            _ = try Fixtures.run(Self.pipeline(["\(directory.path)/inputs"], output: output), workers: 1, failFast: true)
            Issue.record("--fail-fast did not stop the run")
        } catch let error as WinnowError {
            #expect(error.code == .failFast)
            #expect(error.location?.line == 3)
            #expect(error.location?.path.hasSuffix("a.jsonl") == true)
        }
        #expect(try Fixtures.rejects(output).count == 1, "the record that stopped the run is quarantined")
        #expect(try !FileSystem.isDirectory("\(output)/shards"))
    }

    @Test func tooManyRejectsFailTheTask() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        _ = try directory.write("inputs/a.jsonl", Self.goodLines("a", count: 1) + "bad\nbad\nbad\n")
        let output = "\(directory.path)/run"
        let pipeline = Self.pipeline(["\(directory.path)/inputs"], output: output, options: PipelineOptions(maxRejectFraction: 0.5))
        do {
            _ = try Fixtures.run(pipeline, workers: 1)
            Issue.record("a task with 75% rejects passed a 50% limit")
        } catch let error as WinnowError {
            #expect(error.code == .tooManyRejects)
            #expect(error.message.contains("3 of 4 records rejected"))
        }
    }
}
