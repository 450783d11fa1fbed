import Foundation
import Logging
import WinnowCore
import WinnowIO

/// Runs a reader stage on one file and collects what it emits.
struct Collected {
    var documents: [Document] = []
    var rejects: [Reject] = []
    var skips: [Skip] = []
}

enum ReaderHarness {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let context = TaskContext(rank: 0, worldSize: 1, phase: "test", runDirectory: "/nonexistent", logger: Logger(label: "test"))

    static func collect(_ stage: some SourceStage, path: String, index: Int = 0) throws -> Collected {
        var collected = Collected()
        let input = InputDescriptor(index: index, path: path, stageIndex: 0, bytes: 0)
        try stage.read(input, context: context) { event in
            switch event {
            case .document(let document): collected.documents.append(document)
            case .reject(let reject): collected.rejects.append(reject)
            case .skip(let skip): collected.skips.append(skip)
            }
        }
        return collected
    }

    static func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = "\(FileManager.default.temporaryDirectory.path)/winnow-ingest-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = "\(FileManager.default.temporaryDirectory.path)/winnow-gz-\(UUID().uuidString)"
        let file = try OutputFile(path: path, compression: .gzip)
        try file.write(bytes)
        try file.commit()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try FileSystem.readFile(path)
    }
}
