import Foundation
import Testing
import WinnowCore
import WinnowIO
import WinnowJSON

/// Cron safety and crash resume, through the real executable (tasks as subprocesses).
@Suite(.serialized) struct OperationsTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLITests.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLITests.packageRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func root(_ run: String) throws -> String? {
        try JSONParser.parse(try FileSystem.readFile("\(run)/manifest.json"))["merkle"]?["documents"]?["root"]?.stringValue
    }

    /// SIGKILL at seven points spread over every phase kind; each rerun must end byte-identical to an
    /// uninterrupted run, and no file under a final name may ever be partial.
    @Test func killedRunsResumeToTheSameBytes() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = "\(directory)/reference"
        #expect(try Self.run(["run", "quickstart", "--output", reference, "--workers", "2"]).status == 0)
        let referenceShards = try CLITests.shardFiles(reference)
        let referenceRoot = try Self.root(reference)

        let faults = [
            "segment-0:0:0", "segment-0:1:marker", "dedup.exact~groups:1:3", "segment-1:1:5",
            "shards-write:0:0", "lineage:1:1", "manifest:0:marker",
        ]
        for fault in faults {
            let output = "\(directory)/\(fault.replacingOccurrences(of: ":", with: "-"))"
            let crashed = try Self.run(["run", "quickstart", "--output", output, "--workers", "2"], environment: ["WINNOW_FAULT": fault.replacingOccurrences(of: "~", with: "/")])
            #expect(crashed.status != 0, "\(fault): the injected crash did not happen")
            // Whatever exists under a final shard name is complete.
            if try FileSystem.isDirectory("\(output)/shards") {
                for (name, bytes) in try CLITests.shardFiles(output) {
                    #expect(bytes == referenceShards[name], "\(fault): \(name) is visible but not final")
                }
            }
            let resumed = try Self.run(["run", "quickstart", "--output", output, "--workers", "2"])
            #expect(resumed.status == 0, "\(fault): \(resumed.stderr)")
            #expect(try CLITests.shardFiles(output) == referenceShards, "\(fault)")
            #expect(try Self.root(output) == referenceRoot, "\(fault)")
            #expect(try Self.run(["verify", output]).status == 0, "\(fault)")
            // Temporary files of the killed task are gone after the resume.
            #expect(try FileSystem.walk(output).allSatisfy { !$0.contains(".tmp-") }, "\(fault)")
        }
    }

    @Test func anOverlappingRunExitsAtOnceWithCode75() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = "\(directory)/run"
        try FileSystem.createDirectory(output)
        let lock = try #require(try FileLock.acquire("\(output)/.winnow.lock"))
        let overlapped = try Self.run(["run", "quickstart", "--output", output])
        #expect(overlapped.status == 75)
        #expect(overlapped.stderr.contains("another winnow run holds the lock"))
        lock.release()
        #expect(try Self.run(["run", "quickstart", "--output", output]).status == 0)
    }

    @Test func sigtermStopsCleanlyAndTheRerunResumes() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Enough input that segment 0 is still running when the signal arrives.
        let inputs = "\(directory)/inputs"
        try FileSystem.createDirectory(inputs)
        for file in 0..<4 {
            var text = ""
            for record in 0..<6000 {
                text += #"{"id":"d\#(file)-\#(record)","text":"record \#(record) of file \#(file) with a few more words to keep it"}"# + "\n"
            }
            try FileSystem.writeFileAtomically("\(inputs)/part-\(file).jsonl", Array(text.utf8))
        }
        let output = "\(directory)/run"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.executable)
        process.arguments = ["run", "quickstart", "--input", inputs, "--output", output, "--workers", "2"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLITests.packageRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until segment 0 has begun, then ask the run to stop.
        let deadline = Date().addingTimeInterval(60)
        while !(try FileSystem.isDirectory("\(output)/work/segments/0")) && process.isRunning && Date() < deadline {
            usleep(20_000)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 143, "a stopped run exits with 143")
        #expect(!(try FileSystem.fileExists("\(output)/manifest.json")))
        let resumed = try Self.run(["run", "quickstart", "--input", inputs, "--output", output, "--workers", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("documents read  24000"))
    }

    @Test func metricsAndJSONLogs() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let metrics = "\(directory)/winnow.prom"
        let good = try Self.run(["run", "quickstart", "--output", "\(directory)/run", "--metrics-file", metrics, "--log-format", "json"])
        #expect(good.status == 0)
        for line in good.stderr.split(separator: "\n") {
            let value = try JSONParser.parse(String(line))
            #expect(value["level"]?.stringValue != nil && value["message"]?.stringValue != nil, "\(line)")
        }
        var text = String(decoding: try FileSystem.readFile(metrics), as: UTF8.self)
        #expect(text.contains("winnow_last_run_success{pipeline=\"quickstart\"} 1"))
        #expect(text.contains("winnow_documents_out{pipeline=\"quickstart\"} 260"))
        #expect(text.contains("winnow_run_failures_total{pipeline=\"quickstart\"} 0"))
        #expect(text.contains("# TYPE winnow_last_success_timestamp_seconds gauge"))
        let bad = try Self.run(["run", "quickstart", "--input", "\(directory)/missing.jsonl", "--output", "\(directory)/run2", "--metrics-file", metrics])
        #expect(bad.status == 66)
        text = String(decoding: try FileSystem.readFile(metrics), as: UTF8.self)
        #expect(text.contains("winnow_last_run_success{pipeline=\"quickstart\"} 0"))
        #expect(text.contains("winnow_run_failures_total{pipeline=\"quickstart\"} 1"))
        #expect(text.contains("winnow_documents_out{pipeline=\"quickstart\"} 260"), "counts of the last success are kept")
    }
}

@Suite(.serialized) struct IncrementalTests {
    static func lines(_ prefix: String, _ texts: [String]) -> [UInt8] {
        Array(texts.enumerated().map { #"{"id":"\#(prefix)-\#($0.offset)","text":"\#($0.element)"}"# + "\n" }.joined().utf8)
    }

    static let base = [
        "the river bends around the old mill and the water slows down near the stone bridge before the long weir",
        "a recipe for bread needs flour water salt and a little yeast and time to rise in a warm quiet kitchen",
        "the committee met on tuesday to discuss the budget for the new library and the repairs to the roof",
    ]

    @Test func batchesReadOnlyNewInputsAndDeduplicateAcrossBatches() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let drop = "\(directory)/drop"
        let output = "\(directory)/out"
        try FileSystem.createDirectory(drop)
        try FileSystem.writeFileAtomically("\(drop)/day-1.jsonl", Self.lines("d1", Self.base))
        let first = try OperationsTests.run(["run", "web-batches", "--incremental", "--input", drop, "--output", output, "--workers", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("documents read  3"))
        #expect(first.stdout.contains("documents out   3"))

        // Day 2: one near-copy of a day-1 document (one word changed) and one new document.
        try FileSystem.writeFileAtomically("\(drop)/day-2.jsonl", Self.lines("d2", [
            Self.base[0] + " again", "an entirely different note about trains running late on the coastal line this winter season",
        ]))
        let second = try OperationsTests.run(["run", "web-batches", "--incremental", "--input", drop, "--output", output, "--workers", "2"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("documents read  2"), "only the new file is read")
        #expect(second.stdout.contains("documents out   1"), "the near-copy of a day-1 document is removed")
        let manifest = try JSONParser.parse(try FileSystem.readFile("\(output)/batches/0002/manifest.json"))
        #expect(manifest["predecessor"]?["batch"]?.stringValue == "0001")
        #expect(manifest["inputs"]?.arrayValue?.map { $0["path"]?.stringValue ?? "" } == ["\(drop)/day-2.jsonl"])
        #expect(try OperationsTests.run(["verify", "\(output)/batches/0002"]).status == 0)

        // Nothing new: nothing to do.
        let third = try OperationsTests.run(["run", "web-batches", "--incremental", "--input", drop, "--output", output])
        #expect(third.status == 0)
        #expect(third.stdout.contains("nothing to do"))
        #expect(try FileSystem.contentsOfDirectory("\(output)/batches") == ["0001", "0002"])
    }
}
