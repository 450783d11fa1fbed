import Foundation
import Testing
import WinnowCore
import WinnowIO

/// A unique temporary directory, removed by `remove()` (call it in a `defer`).
struct TemporaryDirectory {
    let path: String

    init(_ label: String = #function) throws {
        let name = "winnow-io-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = file(name)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// An in-memory source returning at most `maxPerRead` bytes per `read` (to exercise every split point).
struct MemorySource: ByteSource {
    let bytes: [UInt8]
    let maxPerRead: Int
    var position = 0

    init(_ bytes: [UInt8], maxPerRead: Int = .max) {
        self.bytes = bytes
        self.maxPerRead = maxPerRead
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, maxPerRead, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes {
            buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// A source that produces `total` zero bytes without holding them.
struct ZeroSource: ByteSource {
    var remaining: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, remaining)
        buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        remaining -= count
        return count
    }
}

/// Collects everything written to it (shared, so a compressor's copy and the test see the same bytes).
final class MemorySink: ByteSink {
    var bytes: [UInt8] = []
    var closed = false

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    func close() throws {
        closed = true
    }
}

/// Reads a source to its end.
func drain(_ source: inout some ByteSource, bufferSize: Int = 1 << 16) throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { return result }
        result.append(contentsOf: buffer[..<count])
    }
}

func drain(_ source: any ByteSource, bufferSize: Int = 1 << 16) throws -> [UInt8] {
    var source = source
    return try drain(&source, bufferSize: bufferSize)
}

func gzipCompress(_ bytes: [UInt8], level: Int = 6) throws -> [UInt8] {
    let sink = MemorySink()
    let compressor = try GzipCompressor(sink: sink, level: level)
    try compressor.write(bytes)
    try compressor.finish()
    return sink.bytes
}

func zstdCompress(_ bytes: [UInt8], level: Int = 3) throws -> [UInt8] {
    let sink = MemorySink()
    let compressor = try ZstdCompressor(sink: sink, level: level)
    try compressor.write(bytes)
    try compressor.finish()
    return sink.bytes
}

/// Deterministic, moderately compressible text of about `size` bytes (lines of varying length).
func sampleText(size: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size + 100)
    let words = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "λόγος", "数据",
    ]
    var lineNumber = 0
    while bytes.count < size {
        lineNumber += 1
        bytes.append(contentsOf: Array("\(lineNumber):".utf8))
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let count = Int(state >> 60) + 1
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(0x20)
            bytes.append(contentsOf: Array(words[Int(state >> 33) % words.count].utf8))
        }
        bytes.append(0x0A)
    }
    return bytes
}

/// The path of an executable found on PATH, or nil.
func executable(_ name: String) -> String? {
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for directory in directories {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Runs a command with its standard output written to `outputPath`; returns the exit status.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdoutTo outputPath: String? = nil) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var handle: FileHandle?
    if let outputPath {
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = handle
    }
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle?.close()
    return process.terminationStatus
}

/// One line as the tests compare it.
struct LineRecord: Equatable, CustomStringConvertible {
    var number: Int64
    var offset: Int64
    var bytes: [UInt8]
    var oversizedLength: Int64?

    var description: String {
        if let oversizedLength { return "#\(number)@\(offset) oversized(\(oversizedLength))" }
        return "#\(number)@\(offset) \(String(decoding: bytes, as: UTF8.self).debugDescription)"
    }
}

/// Reads every line (and oversized line) of a source.
func collectLines(
    _ source: any ByteSource, maxLineBytes: Int = 64 << 20, chunkSize: Int = 1 << 20
) throws -> [LineRecord] {
    let reader = LineReader(source: source, path: "test", maxLineBytes: maxLineBytes, chunkSize: chunkSize)
    var lines: [LineRecord] = []
    try reader.forEachLine { line in
        lines.append(LineRecord(number: line.number, offset: line.offset, bytes: Array(line.bytes)))
    } oversized: { line in
        lines.append(
            LineRecord(number: line.number, offset: line.offset, bytes: line.prefix, oversizedLength: line.length))
    }
    return lines
}

/// The verifier: the same bytes read 1 byte per read, 7 bytes per read and all at once, with tiny and
/// default chunk sizes, must give identical line lists. Returns that list.
func verifiedLines(_ bytes: [UInt8], maxLineBytes: Int = 64 << 20) throws -> [LineRecord] {
    let reference = try collectLines(MemorySource(bytes), maxLineBytes: maxLineBytes)
    for maxPerRead in [1, 7, Int.max] {
        for chunkSize in [1, 2, 3, 5, 64, 1 << 20] {
            let lines = try collectLines(
                MemorySource(bytes, maxPerRead: maxPerRead), maxLineBytes: maxLineBytes, chunkSize: chunkSize)
            #expect(lines == reference, "maxPerRead \(maxPerRead), chunkSize \(chunkSize)")
        }
    }
    return reference
}

func line(_ number: Int64, _ offset: Int64, _ text: String) -> LineRecord {
    LineRecord(number: number, offset: offset, bytes: Array(text.utf8))
}
