import Foundation
import Testing
import WinnowCore
import WinnowIngest
import WinnowIO
import WinnowJSON

@Suite struct FileReaderTests {
    static var sampleHTML: String { "\(ReaderHarness.packageRoot)/SampleData/html" }

    @Test func htmlFilesBecomeRawDocuments() throws {
        let plain = try ReaderHarness.collect(HTMLFileReader([]), path: "\(Self.sampleHTML)/ja-blog.html")
        #expect(plain.documents.map(\.id) == ["ja-blog"])
        #expect(plain.documents[0].raw?.bytes == (try FileSystem.readFile("\(Self.sampleHTML)/ja-blog.html")))
        #expect(plain.documents[0].metadata["path"]?.stringValue?.hasSuffix("ja-blog.html") == true)
        // Compressed pages are decompressed; the id drops both extensions.
        let compressed = try ReaderHarness.collect(HTMLFileReader([], idPrefix: "sample/"), path: "\(Self.sampleHTML)/en-forum.html.gz")
        #expect(compressed.documents.map(\.id) == ["sample/en-forum"])
        #expect(String(decoding: compressed.documents[0].raw!.bytes, as: UTF8.self).contains("Sourdough starter"))
    }

    @Test func htmlFileLimitsAndEmptyFiles() throws {
        let big = try ReaderHarness.temporaryFile("big.html", [UInt8](repeating: 0x61, count: 5000))
        #expect(try ReaderHarness.collect(HTMLFileReader([], maxFileBytes: 4096), path: big).rejects.map(\.error.code) == [.recordTooLarge])
        let empty = try ReaderHarness.temporaryFile("empty.html", [])
        #expect(try ReaderHarness.collect(HTMLFileReader([]), path: empty).rejects.map(\.error.code) == [.emptyInput])
    }

    @Test func textFilesRepairOrRejectInvalidUTF8() throws {
        let path = try ReaderHarness.temporaryFile("notes.txt", Array("good ".utf8) + [0xff] + Array(" text".utf8))
        let repaired = try ReaderHarness.collect(TextFileReader([]), path: path)
        #expect(repaired.documents.map(\.text) == ["good \u{FFFD} text"])
        #expect(repaired.documents[0].metadata["utf8_repaired"]?.boolValue == true)
        #expect(repaired.documents[0].id == "notes")
        let strict = try ReaderHarness.collect(TextFileReader([], invalidUTF8: .reject), path: path)
        #expect(strict.documents.isEmpty)
        #expect(strict.rejects.map(\.error.code) == [.invalidUTF8])
        #expect(strict.rejects[0].error.location?.byteOffset == 5)
    }

    @Test func namesRouteToReaders() {
        #expect(WARCReader([]).accepts(path: "CC-MAIN-1.warc.gz"))
        #expect(WARCReader([]).accepts(path: "x.warc.wet.gz"))
        #expect(!WARCReader([]).accepts(path: "x.jsonl.gz"))
        #expect(HTMLFileReader([]).accepts(path: "page.HTM"))
        #expect(TextFileReader([]).accepts(path: "a.txt.zst"))
        #expect(!CodeTreeReader([]).accepts(path: "/tmp"))
        // A directory is accepted by a file reader when it holds files of its kind.
        #expect(HTMLFileReader([]).accepts(path: Self.sampleHTML))
        #expect(!WARCReader([]).accepts(path: Self.sampleHTML))
    }
}

@Suite struct CodeTreeReaderTests {
    static var tree: String { "\(ReaderHarness.packageRoot)/SampleData/code/tinycalc" }

    @Test func readsTheSampleTreeAndCountsEverySkip() throws {
        let result = try ReaderHarness.collect(CodeTreeReader([]), path: Self.tree)
        let paths = result.documents.map { $0.metadata["path"]!.stringValue! }
        #expect(paths == ["Makefile", "README.md", "include/calc.h", "scripts/build.sh", "src/calc.py", "src/lexer.rs", "src/main.go", "web/app.js", "web/style.css"])
        #expect(result.documents.map { $0.metadata["language"]!.stringValue! } == ["makefile", "markdown", "c", "shell", "python", "rust", "go", "javascript", "css"])
        let skips = Dictionary(grouping: result.skips, by: \.reason).mapValues { $0.map { $0.detail ?? "" }.sorted() }
        #expect(skips == [
            "unknown_language": ["assets/logo.png", "docs/notes.unknownext"],
            "vendored_directory": ["node_modules", "vendor"],
            "binary": ["src/blob.c"],
            "generated": ["src/calc_pb2.py"],
            "minified": ["web/app.min.js"],
        ])
        let calc = try #require(result.documents.first { $0.metadata["path"]?.stringValue == "src/calc.py" })
        #expect(calc.metadata["repository"]?.stringValue == "tinycalc")
        #expect(calc.metadata["kind"]?.stringValue == "code")
        #expect(calc.metadata["bytes"]?.int64Value == Int64(calc.text.utf8.count))
        #expect(calc.metadata["lines"]?.int64Value == Int64(calc.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1))
        #expect(calc.id == String(StableHash.sha256Hex("tinycalc/src/calc.py").prefix(32)))
        #expect(calc.metadata["commit"] == nil, "the sample tree is not the top of a git work tree")
        #expect(Set(result.documents.map(\.id)).count == result.documents.count)
        #expect(result.documents.map(\.origin.ordinal) == Array(0..<Int64(result.documents.count)))
    }

    @Test func gitTreesRecordCommitBlobsAndIgnoredFiles() throws {
        let git = "/usr/bin/git"
        guard FileManager.default.isExecutableFile(atPath: git) else { return }
        let root = "\(FileManager.default.temporaryDirectory.path)/winnow-git-\(UUID().uuidString.prefix(8))/repo"
        try FileManager.default.createDirectory(atPath: "\(root)/build", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "print('hi')\n".write(toFile: "\(root)/main.py", atomically: true, encoding: .utf8)
        try "build/\n".write(toFile: "\(root)/.gitignore", atomically: true, encoding: .utf8)
        try "int x;\n".write(toFile: "\(root)/build/out.c", atomically: true, encoding: .utf8)
        try "x = 1\n".write(toFile: "\(root)/new.py", atomically: true, encoding: .utf8)
        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: git)
            process.arguments = ["-C", root, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try run(["init", "-q"])
        try run(["add", "main.py", ".gitignore"])
        try run(["commit", "-q", "-m", "first"])
        let result = try ReaderHarness.collect(CodeTreeReader([]), path: root)
        #expect(result.documents.map { $0.metadata["path"]!.stringValue! } == ["main.py", "new.py"])
        let main = result.documents[0]
        #expect(main.metadata["commit"]?.stringValue?.count == 40)
        // git's blob id of "print('hi')\n".
        #expect(main.metadata["blob"]?.stringValue == "9f1b437537a2acdadafd3174f6f0af9c1a04f5e4")
        #expect(result.documents[1].metadata["git_tracked"]?.boolValue == false)
        #expect(result.skips.contains { $0.reason == "gitignored" && $0.detail == "build" })
        #expect(result.skips.contains { $0.reason == "vcs_directory" && $0.detail == ".git" })
    }
}
