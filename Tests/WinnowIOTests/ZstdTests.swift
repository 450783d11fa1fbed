import Testing
import WinnowCore
import WinnowIO

@Suite("Zstd")
struct ZstdTests {
    @Test("round trip through ZstdCompressor and ZstdDecompressor", arguments: [1, 3, 19])
    func roundTrip(level: Int) throws {
        for size in [0, 1, 1000, 300_000] {
            let original = sampleText(size: size, seed: UInt64(size) + 7)
            let compressed = try zstdCompress(original, level: level)
            for maxPerRead in [Int.max, 7] where size < 10_000 || maxPerRead == .max {
                let decompressor = try ZstdDecompressor(
                    source: MemorySource(compressed, maxPerRead: maxPerRead), path: "mem.zst")
                #expect(try drain(decompressor) == original)
                #expect(decompressor.compressedOffset == Int64(compressed.count))
                #expect(decompressor.decompressedBytes == Int64(original.count))
                #expect(decompressor.framesCompleted == 1)
            }
        }
    }

    @Test("decompressing into a 1-byte buffer gives the same bytes")
    func tinyOutputBuffer() throws {
        let original = sampleText(size: 5_000)
        let decompressor = try ZstdDecompressor(
            source: MemorySource(try zstdCompress(original), maxPerRead: 1), path: "mem.zst", bufferSize: 3)
        #expect(try drain(decompressor, bufferSize: 1) == original)
    }

    @Test("compressed output is deterministic, checksummed and counts its bytes")
    func deterministic() throws {
        let original = sampleText(size: 50_000)
        let sink = MemorySink()
        let compressor = try ZstdCompressor(sink: sink)
        try compressor.write(Array(original[..<20_000]))
        try compressor.write(Array(original[20_000...]))
        try compressor.close()
        #expect(sink.closed)
        #expect(sink.bytes == (try zstdCompress(original)))
        #expect(compressor.uncompressedBytes == Int64(original.count))
        #expect(compressor.compressedBytes == Int64(sink.bytes.count))
        #expect(Array(sink.bytes.prefix(4)) == [0x28, 0xb5, 0x2f, 0xfd])
        // Frame header descriptor: the content checksum flag (bit 2) is set.
        #expect(sink.bytes[4] & 0x04 == 0x04)
    }

    @Test("levels outside zstd's range are rejected")
    func badLevel() {
        let error = #expect(throws: WinnowError.self) { try ZstdCompressor(sink: MemorySink(), level: 1000) }
        #expect(error?.code == .invalidArgument)
    }

    @Test("several frames (and a skippable frame) read as their concatenation, with frame offsets")
    func multiFrame() throws {
        let parts = [Array("first frame\n".utf8), sampleText(size: 70_000, seed: 4), Array("third\n".utf8)]
        var frames = try parts.map { try zstdCompress($0) }
        // A skippable frame (magic 0x184D2A50, 4-byte length, payload) between the second and third.
        frames.insert([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9], at: 2)
        let joined = frames.flatMap { $0 }
        var starts: [Int64] = []
        var offset = 0
        for frame in frames {
            starts.append(Int64(offset))
            offset += frame.count
        }
        for maxPerRead in [Int.max, 1, 7] {
            let decompressor = try ZstdDecompressor(
                source: MemorySource(joined, maxPerRead: maxPerRead), path: "multi.zst")
            var output: [UInt8] = []
            var frameStartSeen: [Int64] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try decompressor.read(into: $0) }
                if count == 0 { break }
                if frameStartSeen.last != decompressor.memberStartOffset {
                    frameStartSeen.append(decompressor.memberStartOffset)
                }
                output += buffer[..<count]
            }
            #expect(output == parts.flatMap { $0 })
            // The skippable frame produces no output, so no read reports its offset.
            #expect(frameStartSeen == [starts[0], starts[1], starts[3]])
            #expect(decompressor.framesCompleted == 4)
            #expect(decompressor.compressedOffset == Int64(joined.count))
        }
    }

    @Test("trailing garbage after the last frame is a corrupt stream")
    func trailingGarbage() throws {
        let frame = try zstdCompress(Array("hello\n".utf8))
        let error = #expect(throws: WinnowError.self) {
            try drain(ZstdDecompressor(source: MemorySource(frame + Array("junk".utf8)), path: "junk.zst"))
        }
        #expect(error?.code == .corruptStream)
        #expect(error?.location?.path == "junk.zst")
        #expect(error?.message.contains("Unknown frame descriptor") == true)
    }

    @Test("an empty input is a truncated stream")
    func emptyInput() throws {
        let error = #expect(throws: WinnowError.self) {
            try drain(ZstdDecompressor(source: MemorySource([]), path: "empty.zst"))
        }
        #expect(error?.code == .truncatedStream)
        #expect(error?.message == "truncated zstd stream: the stream is empty")
    }

    @Test("the system zstd reads our output and we read its output")
    func systemZstdInterop() throws {
        guard let zstd = executable("zstd") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let original = sampleText(size: 200_000, seed: 5)

        let ours = try directory.write("ours.zst", try zstdCompress(original))
        #expect(try run(zstd, ["-q", "-t", ours]) == 0)
        #expect(try run(zstd, ["-q", "-dc", ours], stdoutTo: directory.file("ours.out")) == 0)
        #expect(try readBytes(directory.file("ours.out")) == original)

        let plain = try directory.write("plain.txt", original)
        #expect(try run(zstd, ["-q", "-19", "-c", plain], stdoutTo: directory.file("theirs.zst")) == 0)
        #expect(try drain(InputFile.open(directory.file("theirs.zst"))) == original)
    }
}
