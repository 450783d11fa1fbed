import Foundation
import Testing
import WinnowCore
import WinnowIO

@Suite("FileSystem")
struct FileSystemTests {
    @Test("create, inspect, list, rename and remove")
    func lifecycle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let nested = directory.file("a/b/c")
        try FileSystem.createDirectory(nested)
        try FileSystem.createDirectory(nested)  // existing: fine
        #expect(try FileSystem.isDirectory(nested))
        #expect(try FileSystem.fileExists(nested))
        #expect(try !FileSystem.fileExists(directory.file("a/missing")))
        #expect(try !FileSystem.isDirectory(directory.file("a/missing")))

        try FileSystem.writeFileAtomically(directory.file("a/b/f.txt"), Array("12345".utf8))
        #expect(try FileSystem.fileSize(directory.file("a/b/f.txt")) == 5)
        #expect(try FileSystem.readFile(directory.file("a/b/f.txt")) == Array("12345".utf8))
        #expect(try FileSystem.isRegularFile(directory.file("a/b/f.txt")))
        #expect(try FileSystem.contentsOfDirectory(directory.file("a/b")) == ["c", "f.txt"])

        try FileSystem.rename(directory.file("a/b/f.txt"), to: directory.file("a/g.txt"))
        #expect(try FileSystem.walk(directory.file("a")) == [directory.file("a/g.txt")])

        let notEmpty = #expect(throws: WinnowError.self) { try FileSystem.removeItem(directory.file("a")) }
        #expect(notEmpty?.code == .io)
        #expect(notEmpty?.location?.path == directory.file("a"))
        try FileSystem.removeItem(directory.file("a/g.txt"))
        try FileSystem.removeItem(directory.file("a"), recursive: true)
        #expect(try FileSystem.contentsOfDirectory(directory.path) == [])
        let missing = #expect(throws: WinnowError.self) { try FileSystem.removeItem(directory.file("a")) }
        #expect(missing?.message == "cannot remove: No such file or directory")
    }

    @Test("createDirectory without intermediates needs the parent")
    func noIntermediates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: WinnowError.self) {
            try FileSystem.createDirectory(directory.file("x/y"), intermediates: false)
        }
        #expect(error?.code == .io)
        try FileSystem.createDirectory(directory.file("x"), intermediates: false)
        #expect(try FileSystem.isDirectory(directory.file("x")))
    }

    @Test("fileSize and readFile of a missing file are io errors")
    func missing() {
        let size = #expect(throws: WinnowError.self) { try FileSystem.fileSize("/nonexistent-winnow/x") }
        #expect(size?.code == .io)
        #expect(size?.location?.path == "/nonexistent-winnow/x")
        let read = #expect(throws: WinnowError.self) { try FileSystem.readFile("/nonexistent-winnow/x") }
        #expect(read?.code == .io)
    }

    @Test("walk: regular files and links to files, recursively, sorted; links to directories not followed")
    func walk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["z", "d/y", "d/e/x", ".hidden/w"] { _ = try directory.write(name, name) }
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("link-to-dir"), withDestinationPath: directory.file("d"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("link-to-file"), withDestinationPath: directory.file("z"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("dangling"), withDestinationPath: directory.file("nothing"))
        let root = directory.path
        #expect(
            try FileSystem.walk(root) == [
                "\(root)/.hidden/w", "\(root)/d/e/x", "\(root)/d/y", "\(root)/link-to-file", "\(root)/z",
            ])
        #expect(
            try FileSystem.walk(root, includeHidden: false) == [
                "\(root)/d/e/x", "\(root)/d/y", "\(root)/link-to-file", "\(root)/z",
            ])
        // A file removed after deleting a tree containing a link: the link's target survives.
        try FileSystem.removeItem(directory.file("link-to-dir"), recursive: true)
        #expect(try FileSystem.isDirectory(directory.file("d")))
    }

    @Test("path helpers")
    func paths() {
        #expect(FileSystem.join("a", "b") == "a/b")
        #expect(FileSystem.join("a/", "b") == "a/b")
        #expect(FileSystem.join("", "b") == "b")
        #expect(FileSystem.parentDirectory(of: "a/b") == "a")
        #expect(FileSystem.parentDirectory(of: "a/b/") == "a")
        #expect(FileSystem.parentDirectory(of: "b") == ".")
        #expect(FileSystem.parentDirectory(of: "/b") == "/")
        #expect(FileSystem.parentDirectory(of: "/") == "/")
        #expect(FileSystem.parentDirectory(of: "/x//y") == "/x")
    }
}
