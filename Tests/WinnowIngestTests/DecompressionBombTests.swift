import Foundation
import Testing
import WinnowCore
import WinnowIO
import WinnowIngest

/// Decompression bombs: files that expand to 10 GiB, made on the fly (one compressed member or frame of
/// 64 MiB of zeros, written 160 times; nothing of 10 GiB is ever held or written), must be stopped early
/// and quarantined as `limit-exceeded` by the streaming readers.
@Suite struct DecompressionBombTests {
    /// 160 × 64 MiB = 10 GiB decompressed.
    static let copies = 160
    static let unitBytes = 64 << 20

    /// An in-memory sink for the compressors.
    final class Sink: ByteSink {
        var bytes: [UInt8] = []
        func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
        func close() throws {}
    }

    /// One gzip member or zstd frame holding 64 MiB of zeros, compressed 1 MiB at a time.
    static func zeroUnit(_ compression: Compression) throws -> [UInt8] {
        let sink = Sink()
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        switch compression {
        case .gzip:
            let compressor = try GzipCompressor(sink: sink, level: 9)
            for _ in 0..<(unitBytes >> 20) { try compressor.write(zeros) }
            try compressor.close()
        case .zstd:
            let compressor = try ZstdCompressor(sink: sink, level: 3)
            for _ in 0..<(unitBytes >> 20) { try compressor.write(zeros) }
            try compressor.close()
        case .none:
            Issue.record("not a compression")
        }
        return sink.bytes
    }

    /// Writes `head` (already compressed) and then the zero unit `copies` times to a new file.
    static func bomb(_ name: String, _ compression: Compression, head: [UInt8] = []) throws -> String {
        let unit = try zeroUnit(compression)
        let path = try ReaderHarness.temporaryFile(name, head)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let data = Data(unit)
        for _ in 0..<copies { try handle.write(contentsOf: data) }
        let size = Int64(head.count + copies * unit.count)
        #expect(try FileSystem.fileSize(path) == size)
        // The claim "10 GiB" holds: 160 units of 64 MiB. The file is tiny in comparison.
        #expect(size < Int64(copies * unitBytes) / 200)
        return path
    }

    static func expectStoppedEarly(_ rejects: [Reject], path: String) {
        #expect(rejects.map(\.error.code) == [.limitExceeded])
        guard let error = rejects.first?.error else { return }
        #expect(error.message.contains("decompression ratio exceeds the limit (maxExpansionRatio 200.0)"))
        #expect(error.location?.path == path)
        // Stopped after reading well under 1 MiB of the compressed file, that is under 200 MiB of the
        // 10 GiB: the ratio is checked on every read past the first MiB of output.
        let compressedOffset = error.location?.byteOffset ?? .max
        #expect(compressedOffset < 1 << 20, "stopped at compressed byte \(compressedOffset)")
    }

    @Test("a 10 GiB JSONL bomb is quarantined with limit-exceeded", arguments: [Compression.gzip, .zstd])
    func jsonlBomb(compression: Compression) throws {
        let path = try Self.bomb("bomb.jsonl\(compression.fileExtension)", compression)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ReaderHarness.collect(JSONLReader([path]), path: path)
        #expect(result.documents.isEmpty)
        Self.expectStoppedEarly(result.rejects, path: path)
    }

    @Test("a 10 GiB WARC bomb (one record whose block is zeros) is quarantined", arguments: [Compression.gzip, .zstd])
    func warcBomb(compression: Compression) throws {
        let header = Array("""
            WARC/1.1\r
            WARC-Type: resource\r
            WARC-Record-ID: <urn:uuid:bomb>\r
            Content-Length: \(Self.copies * Self.unitBytes)\r
            \r

            """.utf8)
        let sink = Sink()
        switch compression {
        case .gzip:
            let compressor = try GzipCompressor(sink: sink)
            try compressor.write(header)
            try compressor.close()
        default:
            let compressor = try ZstdCompressor(sink: sink)
            try compressor.write(header)
            try compressor.close()
        }
        let path = try Self.bomb("bomb.warc\(compression.fileExtension)", compression, head: sink.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ReaderHarness.collect(WARCReader([path]), path: path)
        #expect(result.documents.isEmpty)
        #expect(result.skips.isEmpty)
        Self.expectStoppedEarly(result.rejects, path: path)
    }

    @Test func ratioIsConfigurableAndValidated() throws {
        // A small file of ordinary records (gzip ratio ~4) passes the default and fails a ratio of 2.
        var text = ""
        var state: UInt64 = 42
        for index in 0..<40_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += #"{"id":"\#(index)","text":"record \#(index) holds \#(state >> 20) and \#(state % 9973)"}"# + "\n"
        }
        let path = try ReaderHarness.temporaryFile("repetitive.jsonl.gz", try ReaderHarness.gzip(Array(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lenient = try ReaderHarness.collect(JSONLReader([path]), path: path)
        #expect(lenient.documents.count == 40_000)
        #expect(lenient.rejects.isEmpty)
        let strict = try ReaderHarness.collect(JSONLReader([path], maxExpansionRatio: 2), path: path)
        #expect(strict.rejects.map(\.error.code) == [.limitExceeded])
        // Everything before the limit was delivered, in order, and nothing after it.
        #expect(strict.documents.count < 40_000)
        #expect(strict.documents.enumerated().allSatisfy { $0.element.origin.line == Int64($0.offset + 1) })

        #expect(JSONLReader.defaultMaxExpansionRatio == 200)
        try JSONLReader(["x"], maxExpansionRatio: nil).validate()
        #expect(throws: WinnowError.self) { try JSONLReader(["x"], maxExpansionRatio: 0.5).validate() }
        #expect(throws: WinnowError.self) { try WARCReader(["x"], maxExpansionRatio: .nan).validate() }
        #expect(throws: WinnowError.self) { try WARCReader(["x"], maxExpansionRatio: .infinity).validate() }
    }
}
