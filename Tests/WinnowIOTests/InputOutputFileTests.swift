import Foundation
import Testing
import WinnowCore
import WinnowIO

@Suite("OutputFile and InputFile")
struct OutputInputFileTests {
    @Test("write, commit and read back in every format", arguments: Compression.allCases)
    func roundTrip(compression: Compression) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("data.jsonl\(compression.fileExtension)")
        let original = sampleText(size: 2_500_000, seed: 21)
        let output = try OutputFile(path: path, compression: compression)
        var offset = 0
        while offset < original.count {
            let end = min(offset + 1000, original.count)
            try output.write(Array(original[offset..<end]))
            offset = end
        }
        try output.write("tail\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(output.uncompressedBytes == Int64(original.count + 5))
        let size = try output.commit()
        #expect(size == Int64(try readBytes(path).count))
        if compression == .none {
            #expect(size == Int64(original.count + 5))
        } else {
            #expect(size < Int64(original.count / 2))
        }

        let input = try InputFile.open(path)
        #expect(input.compression == compression)
        #expect(try drain(input) == original + Array("tail\n".utf8))
        #expect(input.fileBytesRead == size)
    }

    @Test("an abandoned or dropped OutputFile leaves nothing", arguments: Compression.allCases)
    func abandon(compression: Compression) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = try OutputFile(path: directory.file("a"), compression: compression)
        try output.write(Array("x".utf8))
        output.abandon()
        do {
            let dropped = try OutputFile(path: directory.file("b"), compression: compression)
            try dropped.write(Array("y".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test("InputFile detects the format by content, not by name")
    func sniffByContent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = Array("plain text\n".utf8)
        let plainNamedGz = try directory.write("plain.gz", text)
        let gzipNamedTxt = try directory.write("gzip.txt", try gzipCompress(text))
        let zstdNamedGz = try directory.write("zstd.gz", try zstdCompress(text))
        let empty = try directory.write("empty.gz", [])
        for (path, compression) in [(plainNamedGz, Compression.none), (gzipNamedTxt, .gzip), (zstdNamedGz, .zstd)] {
            let input = try InputFile.open(path)
            #expect(input.compression == compression)
            #expect(try drain(input) == text)
        }
        let input = try InputFile.open(empty)
        #expect(input.compression == Compression.none)
        #expect(try collectLines(input) == [])
    }

    @Test("opening a missing file is an io error naming the path and the reason")
    func missingFile() throws {
        let error = #expect(throws: WinnowError.self) { try InputFile.open("/nonexistent-winnow/file.gz") }
        #expect(error?.code == .io)
        #expect(error?.scope == .task)
        #expect(error?.location?.path == "/nonexistent-winnow/file.gz")
        #expect(error?.message == "cannot open for reading: No such file or directory")
        #expect((error?.cause as? SystemCallError)?.errno == 2)
    }

    @Test("Compression: magic numbers and extensions")
    func compressionBasics() {
        #expect(Compression.sniff([0x1f, 0x8b, 0x08, 0x00]) == .gzip)
        #expect(Compression.sniff([0x1f, 0x8b]) == .gzip)
        #expect(Compression.sniff([0x28, 0xb5, 0x2f, 0xfd, 0x00]) == .zstd)
        #expect(Compression.sniff([0x28, 0xb5, 0x2f]) == Compression.none)
        #expect(Compression.sniff([0x1f]) == Compression.none)
        #expect(Compression.sniff([]) == Compression.none)
        #expect(Compression.sniff(Array("{\"id\":1}".utf8)) == Compression.none)
        #expect(Compression.allCases.map(\.fileExtension) == ["", ".gz", ".zst"])
        #expect(Compression(pathExtensionOf: "a/b.jsonl.gz") == .gzip)
        #expect(Compression(pathExtensionOf: "a/b.jsonl.zst") == .zstd)
        #expect(Compression(pathExtensionOf: "a/b.jsonl") == Compression.none)
    }

    @Test("lines of a gzip file are identical to those of the plain file")
    func linesThroughGzip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let original = sampleText(size: 3_000_000, seed: 8)
        let plain = try directory.write("p.jsonl", original)
        let gz = try directory.write("p.jsonl.gz", try gzipCompress(original))
        let zst = try directory.write("p.jsonl.zst", try zstdCompress(original))
        let expected = referenceLines(original)
        #expect(try collectLines(InputFile.open(plain)) == expected)
        #expect(try collectLines(InputFile.open(gz), chunkSize: 100_000) == expected)
        #expect(try collectLines(InputFile.open(zst), chunkSize: 4093) == expected)
    }
}
