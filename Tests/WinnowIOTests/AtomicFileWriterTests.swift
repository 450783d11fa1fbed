import Foundation
import Testing
import WinnowCore
import WinnowIO

@Suite("AtomicFileWriter")
struct AtomicFileWriterTests {
    @Test("nothing appears under the final name before commit")
    func commit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("out.jsonl")
        let writer = try AtomicFileWriter(path: path)
        #expect(writer.temporaryPath == "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try writer.write(Array("hello ".utf8))
        try writer.write(Array("world\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path) == [
                "out.jsonl.tmp-\(ProcessInfo.processInfo.processIdentifier)"
            ])
        try writer.commit()
        #expect(try readBytes(path) == Array("hello world\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.jsonl"])
        #expect(writer.bytesWritten == 12)
        let error = #expect(throws: WinnowError.self) { try writer.write([1]) }
        #expect(error?.code == .internalInconsistency)
    }

    @Test("commit with fsync, replacing an existing file; large writes bypass the buffer")
    func replaceWithFsync() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("out.bin", "old content")
        let big = sampleText(size: 3_000_000)
        let writer = try AtomicFileWriter(path: path, bufferSize: 1000)
        try writer.write(Array(big[..<10]))
        try writer.write(Array(big[10..<995]))
        try writer.write(Array(big[995...]))
        #expect(try readBytes(path) == Array("old content".utf8))
        try writer.commit(fsync: true)
        #expect(try readBytes(path) == big)
    }

    @Test("abandon, and dropping the writer, leave nothing")
    func abandon() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try AtomicFileWriter(path: directory.file("a"))
        try writer.write(Array("partial".utf8))
        writer.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
        writer.abandon()
        #expect(throws: WinnowError.self) { try writer.commit() }

        do {
            let dropped = try AtomicFileWriter(path: directory.file("b"))
            try dropped.write(Array("partial".utf8))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            withExtendedLifetime(dropped) {
                #expect(names.count == 1)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test("a second writer of the same path in one process is refused until the first is done")
    func oneWriterPerPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try AtomicFileWriter(path: directory.file("x"))
        let error = #expect(throws: WinnowError.self) { try AtomicFileWriter(path: directory.file("x")) }
        #expect(error?.code == .io)
        try first.commit()
        let second = try AtomicFileWriter(path: directory.file("x"))
        second.abandon()
        #expect(try readBytes(directory.file("x")) == [])
    }

    @Test("a missing directory is an io error naming the path")
    func missingDirectory() throws {
        let path = "/nonexistent-winnow-dir/\(UUID().uuidString)/file"
        let error = #expect(throws: WinnowError.self) { try AtomicFileWriter(path: path) }
        #expect(error?.code == .io)
        #expect(error?.location?.path == "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        #expect(error?.message == "cannot create file: No such file or directory")
        #expect((error?.cause as? SystemCallError)?.call == "open")
    }
}
