import Testing
import WinnowCore
import WinnowIO

/// Malformed input for every decompressor: truncation at every length, corrupt bytes, bombs.
@Suite("Damaged compressed streams")
struct DamagedStreamTests {
    enum Format: String, CaseIterable, Sendable {
        case gzip, zstd

        func compress(_ bytes: [UInt8]) throws -> [UInt8] {
            switch self {
            case .gzip: try gzipCompress(bytes)
            case .zstd: try zstdCompress(bytes)
            }
        }

        func decompressor(_ bytes: [UInt8], path: String, maxPerRead: Int = .max, ratio: Double? = nil) throws
            -> any ByteSource
        {
            switch self {
            case .gzip:
                try GzipDecompressor(
                    source: MemorySource(bytes, maxPerRead: maxPerRead), path: path, maxExpansionRatio: ratio)
            case .zstd:
                try ZstdDecompressor(
                    source: MemorySource(bytes, maxPerRead: maxPerRead), path: path, maxExpansionRatio: ratio)
            }
        }
    }

    @Test("every proper prefix of a file is reported as damaged, never read as complete", arguments: Format.allCases)
    func everyTruncation(format: Format) throws {
        let original = sampleText(size: 4_000, seed: 11)
        let compressed = try format.compress(original)
        #expect(compressed.count > 100)
        let magicLength = format == .gzip ? 2 : 4
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for length in 1..<compressed.count {
            let prefix = Array(compressed[..<length])
            // The decompressor itself, fed from memory.
            let direct = #expect(throws: WinnowError.self, "length \(length)") {
                try drain(format.decompressor(prefix, path: "cut.\(format)"))
            }
            #expect(direct?.code == .truncatedStream || direct?.code == .corruptStream, "length \(length)")

            // Through a file opened by InputFile. Shorter than the magic number, the file is plain bytes.
            let path = try directory.write("cut-\(length)", prefix)
            guard length >= magicLength else {
                let input = try InputFile.open(path)
                #expect(input.compression == .none)
                #expect(try drain(input) == prefix)
                continue
            }
            var output: [UInt8] = []
            let error = #expect(throws: WinnowError.self, "length \(length)") {
                let input = try InputFile.open(path)
                var buffer = [UInt8](repeating: 0, count: 1000)
                while true {
                    let count = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
                    if count == 0 { break }
                    output += buffer[..<count]
                }
            }
            guard let error else { continue }
            #expect(error.code == .truncatedStream || error.code == .corruptStream, "length \(length): \(error)")
            #expect(error.location?.path == path)
            #expect(String(describing: error).contains(path))
            #expect(error.location?.byteOffset != nil)
            // What was produced before the error is a correct prefix of the original (all of it when
            // the cut falls in the trailer: the data is right, but the stream is still not complete).
            #expect(output.count <= original.count)
            #expect(output == Array(original.prefix(output.count)), "length \(length)")
        }
    }

    @Test("a corrupt byte in the middle is reported with an offset", arguments: Format.allCases)
    func corruptByte(format: Format) throws {
        let original = sampleText(size: 20_000, seed: 12)
        let compressed = try format.compress(original)
        for position in stride(from: compressed.count / 3, to: compressed.count * 2 / 3, by: 37) {
            var damaged = compressed
            damaged[position] ^= 0x55
            for maxPerRead in [Int.max, 1] {
                let error = #expect(throws: WinnowError.self, "position \(position)") {
                    try drain(format.decompressor(damaged, path: "bad.\(format)", maxPerRead: maxPerRead))
                }
                #expect(
                    error?.code == .corruptStream || error?.code == .truncatedStream, "\(String(describing: error))")
                #expect(error?.location?.path == "bad.\(format)")
                #expect((error?.location?.byteOffset ?? -1) >= 0)
            }
        }
    }

    @Test("a 200 MB stream of zeros stops early with a ratio limit of 100", arguments: Format.allCases)
    func bomb(format: Format) throws {
        // Compress 200 MB of zeros without holding them: 1 MiB at a time.
        let sink = MemorySink()
        let compressor: any ByteSink
        switch format {
        case .gzip: compressor = try GzipCompressor(sink: sink, level: 1)
        case .zstd: compressor = try ZstdCompressor(sink: sink, level: 1)
        }
        var zeros = ZeroSource(remaining: 200_000_000)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var writer = compressor
        while true {
            let count = try chunk.withUnsafeMutableBytes { try zeros.read(into: $0) }
            if count == 0 { break }
            try chunk.withUnsafeBytes { try writer.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        try writer.close()
        #expect(sink.bytes.count < 1_000_000)

        var decompressor = try format.decompressor(sink.bytes, path: "bomb.\(format)", ratio: 100)
        var produced = 0
        let error = #expect(throws: WinnowError.self) {
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try decompressor.read(into: $0) }
                if count == 0 { break }
                produced += count
            }
        }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("decompression ratio exceeds the limit (maxExpansionRatio 100.0)") == true)
        #expect(error?.location?.path == "bomb.\(format)")
        // It stopped within a few buffers of the 1 MiB grace output, not after 200 MB.
        #expect(produced <= 4 << 20, "produced \(produced)")

        // Without a limit the same stream decompresses completely.
        var unlimited = try format.decompressor(sink.bytes, path: "bomb.\(format)")
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try unlimited.read(into: $0) }
            if count == 0 { break }
            total += count
        }
        #expect(total == 200_000_000)
    }

    @Test("a normal text file passes a ratio limit", arguments: Format.allCases)
    func ratioAllowsNormalData(format: Format) throws {
        let original = sampleText(size: 3_000_000, seed: 13)
        let decompressor = try format.decompressor(try format.compress(original), path: "ok", ratio: 100)
        #expect(try drain(decompressor) == original)
    }
}
