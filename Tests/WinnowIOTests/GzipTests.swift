import Testing
import WinnowCore
import WinnowIO

@Suite("Gzip")
struct GzipTests {
    @Test("round trip through GzipCompressor and GzipDecompressor", arguments: [0, 1, 6, 9])
    func roundTrip(level: Int) throws {
        for size in [0, 1, 1000, 300_000] {
            let original = sampleText(size: size, seed: UInt64(size))
            let compressed = try gzipCompress(original, level: level)
            for maxPerRead in [Int.max, 7] where size < 10_000 || maxPerRead == .max {
                let decompressor = try GzipDecompressor(
                    source: MemorySource(compressed, maxPerRead: maxPerRead), path: "mem.gz")
                #expect(try drain(decompressor) == original)
                #expect(decompressor.compressedOffset == Int64(compressed.count))
                #expect(decompressor.decompressedBytes == Int64(original.count))
                #expect(decompressor.membersCompleted == 1)
            }
        }
    }

    @Test("decompressing into a 1-byte buffer gives the same bytes")
    func tinyOutputBuffer() throws {
        let original = sampleText(size: 5_000)
        let decompressor = try GzipDecompressor(
            source: MemorySource(try gzipCompress(original), maxPerRead: 1), path: "mem.gz", bufferSize: 3)
        #expect(try drain(decompressor, bufferSize: 1) == original)
    }

    @Test("compressed output is deterministic and counts its bytes")
    func deterministic() throws {
        let original = sampleText(size: 50_000)
        let sink = MemorySink()
        let compressor = try GzipCompressor(sink: sink, level: 6)
        try compressor.write(Array(original[..<20_000]))
        try compressor.write(Array(original[20_000...]))
        try compressor.close()
        #expect(sink.closed)
        #expect(sink.bytes == (try gzipCompress(original)))
        #expect(compressor.uncompressedBytes == Int64(original.count))
        #expect(compressor.compressedBytes == Int64(sink.bytes.count))
        // Header: magic, deflate, no flags, zero mtime.
        #expect(Array(sink.bytes.prefix(8)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
        #expect(throws: WinnowError.self) { try compressor.write([1]) }
    }

    @Test("levels outside 0...9 are rejected", arguments: [-1, 10])
    func badLevel(level: Int) {
        let error = #expect(throws: WinnowError.self) { try GzipCompressor(sink: MemorySink(), level: level) }
        #expect(error?.code == .invalidArgument)
    }

    @Test("three concatenated members read as their concatenation, with member offsets")
    func multiMember() throws {
        let parts = [Array("first member\n".utf8), sampleText(size: 70_000, seed: 9), Array("third\n".utf8)]
        let members = try parts.map { try gzipCompress($0) }
        let joined = members.flatMap { $0 }
        let starts = [0, members[0].count, members[0].count + members[1].count].map(Int64.init)

        for maxPerRead in [Int.max, 1, 7] {
            let decompressor = try GzipDecompressor(
                source: MemorySource(joined, maxPerRead: maxPerRead), path: "multi.gz")
            // Read with a buffer that stops exactly at member boundaries, recording where each byte came from.
            var output: [UInt8] = []
            var memberStartSeen: [Int64] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try decompressor.read(into: $0) }
                if count == 0 { break }
                if memberStartSeen.last != decompressor.memberStartOffset {
                    memberStartSeen.append(decompressor.memberStartOffset)
                }
                output += buffer[..<count]
            }
            #expect(output == parts.flatMap { $0 })
            #expect(memberStartSeen == starts)
            #expect(decompressor.membersCompleted == 3)
            #expect(decompressor.compressedOffset == Int64(joined.count))
        }
    }

    @Test("trailing garbage after the last member is a corrupt stream")
    func trailingGarbage() throws {
        let member = try gzipCompress(Array("hello\n".utf8))
        let error = #expect(throws: WinnowError.self) {
            try drain(GzipDecompressor(source: MemorySource(member + Array("junk".utf8)), path: "junk.gz"))
        }
        #expect(error?.code == .corruptStream)
        #expect(error?.location == WinnowError.Location(path: "junk.gz", byteOffset: Int64(member.count)))
        // Trailing bytes that start like a member but are not one are corrupt too.
        let fake = #expect(throws: WinnowError.self) {
            try drain(
                GzipDecompressor(source: MemorySource(member + [0x1f, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]), path: "fake.gz"))
        }
        #expect(fake?.code == .corruptStream)
        #expect(fake?.message.contains("member that starts at compressed byte \(member.count)") == true)
    }

    @Test("a zlib (not gzip) stream is rejected as corrupt")
    func zlibStream() throws {
        let error = #expect(throws: WinnowError.self) {
            try drain(
                GzipDecompressor(source: MemorySource([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), path: "z"))
        }
        #expect(error?.code == .corruptStream)
    }

    @Test("an empty input is a truncated stream")
    func emptyInput() throws {
        let error = #expect(throws: WinnowError.self) {
            try drain(GzipDecompressor(source: MemorySource([]), path: "empty.gz"))
        }
        #expect(error?.code == .truncatedStream)
        #expect(error?.message == "truncated gzip stream: the stream is empty")
    }

    @Test("the system gzip reads our output and we read its output")
    func systemGzipInterop() throws {
        guard let gzip = executable("gzip") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let original = sampleText(size: 200_000, seed: 3)

        let ours = try directory.write("ours.gz", try gzipCompress(original))
        #expect(try run(gzip, ["-t", ours]) == 0)
        #expect(try run(gzip, ["-dc", ours], stdoutTo: directory.file("ours.out")) == 0)
        #expect(try readBytes(directory.file("ours.out")) == original)

        let plain = try directory.write("plain.txt", original)
        #expect(try run(gzip, ["-9", "-c", plain], stdoutTo: directory.file("theirs.gz")) == 0)
        #expect(try drain(InputFile.open(directory.file("theirs.gz"))) == original)
        // Two members made by `gzip` and concatenated, as `cat a.gz b.gz` does.
        let theirs = try readBytes(directory.file("theirs.gz"))
        let twice = try directory.write("twice.gz", theirs + theirs)
        #expect(try drain(InputFile.open(twice)) == original + original)
    }
}
