import Foundation
import Logging
import Winnow
import WinnowIO
import WinnowJSON
import WinnowPipelines

/// A fresh directory under the system temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = "\(FileManager.default.temporaryDirectory.path)/winnow-tests-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}

enum Fixtures {
    /// The package root, from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var sampleData: String { "\(packageRoot)/SampleData/jsonl" }

    static let logger: Logger = {
        var logger = Logger(label: "winnow.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// gzip or zstd bytes of `bytes`, made with Winnow's own compressors.
    static func compress(_ bytes: [UInt8], _ compression: Compression, in directory: TemporaryDirectory) throws -> [UInt8] {
        let path = "\(directory.path)/compress-\(UUID().uuidString)"
        let file = try OutputFile(path: path, compression: compression)
        try file.write(bytes)
        _ = try file.commit()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try FileSystem.readFile(path)
    }

    /// The quickstart pipeline pointed at `inputs` and `output`.
    static func quickstart(inputs: [String] = [], output: String) throws -> Pipeline {
        try Pipelines.quickstart.overriding(inputs: inputs.isEmpty ? [sampleData] : inputs, output: output)
    }

    static func run(_ pipeline: Pipeline, workers: Int = 2, failFast: Bool = false) throws -> RunStats {
        try LocalExecutor(workers: workers, launcher: .threads, failFast: failFast, registry: Pipelines.registry, logger: logger)
            .run(pipeline)
    }

    /// Every line of every shard of the run in `directory`, in shard order.
    static func shardLines(_ directory: String) throws -> [[UInt8]] {
        let shards = "\(directory)/shards"
        var lines: [[UInt8]] = []
        for name in try FileSystem.contentsOfDirectory(shards) {
            let reader = LineReader(source: try InputFile.open("\(shards)/\(name)"), path: name)
            try reader.forEachLine({ lines.append(Array($0.bytes)) }, oversized: { _ in })
        }
        return lines
    }

    static func shardDocuments(_ directory: String) throws -> [JSONObject] {
        try shardLines(directory).map { try JSONParser.parse($0).objectValue! }
    }

    /// name -> bytes of every shard file.
    static func shardBytes(_ directory: String) throws -> [String: [UInt8]] {
        let shards = "\(directory)/shards"
        var result: [String: [UInt8]] = [:]
        for name in try FileSystem.contentsOfDirectory(shards) {
            result[name] = try FileSystem.readFile("\(shards)/\(name)")
        }
        return result
    }

    /// The reject records of the run.
    static func rejects(_ directory: String) throws -> [JSONObject] {
        let folder = "\(directory)/rejects"
        guard try FileSystem.isDirectory(folder) else { return [] }
        var records: [JSONObject] = []
        for name in try FileSystem.contentsOfDirectory(folder) {
            let reader = LineReader(source: try InputFile.open("\(folder)/\(name)"), path: name)
            try reader.forEachLine({ records.append(try JSONParser.parse($0.bytes).objectValue!) }, oversized: { _ in })
        }
        return records
    }
}
