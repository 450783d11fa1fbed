import Foundation
import Testing
import WinnowCore
import WinnowIO

@Suite("Glob")
struct GlobTests {
    /// A tree:
    ///   a.gz  b.gz  c.txt  ab.gz  .hidden.gz  Z.gz
    ///   sub/x.gz  sub/deep/y.gz  sub/deep/z.txt  sub/.git/h.gz
    ///   other/o.gz  link -> sub (a symbolic link to a directory)
    static func makeTree() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for name in [
            "a.gz", "b.gz", "c.txt", "ab.gz", ".hidden.gz", "Z.gz", "sub/x.gz", "sub/deep/y.gz", "sub/deep/z.txt",
            "sub/.git/h.gz", "other/o.gz",
        ] {
            _ = try directory.write(name, name)
        }
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("link"), withDestinationPath: directory.file("sub"))
        return directory
    }

    @Test("wildcards within a component: *, ?, [ab]")
    func componentWildcards() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(try Glob.expand("\(root)/*.gz") == ["\(root)/Z.gz", "\(root)/a.gz", "\(root)/ab.gz", "\(root)/b.gz"])
        #expect(try Glob.expand("\(root)/?.gz") == ["\(root)/Z.gz", "\(root)/a.gz", "\(root)/b.gz"])
        #expect(try Glob.expand("\(root)/[ab].gz") == ["\(root)/a.gz", "\(root)/b.gz"])
        #expect(try Glob.expand("\(root)/[!a]*.txt") == ["\(root)/c.txt"])
        #expect(try Glob.expand("\(root)/.*.gz") == ["\(root)/.hidden.gz"])
        #expect(try Glob.expand("\(root)/s*/x.gz") == ["\(root)/sub/x.gz"])
    }

    @Test("** matches zero or more directories, without following links or entering hidden ones")
    func doubleStar() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(try Glob.expand("\(root)/sub/**/*.gz") == ["\(root)/sub/deep/y.gz", "\(root)/sub/x.gz"])
        #expect(
            try Glob.expand("\(root)/**/*.gz")
                == [
                    "\(root)/Z.gz", "\(root)/a.gz", "\(root)/ab.gz", "\(root)/b.gz", "\(root)/other/o.gz",
                    "\(root)/sub/deep/y.gz", "\(root)/sub/x.gz",
                ])
        #expect(
            try Glob.expand("\(root)/sub/**") == [
                "\(root)/sub/deep/y.gz", "\(root)/sub/deep/z.txt", "\(root)/sub/x.gz",
            ])
    }

    @Test("a directory expands to its files recursively, a file to itself")
    func plainPaths() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(
            try Glob.expand("\(root)/sub") == ["\(root)/sub/deep/y.gz", "\(root)/sub/deep/z.txt", "\(root)/sub/x.gz"])
        #expect(
            try Glob.expand("\(root)/sub/") == ["\(root)/sub/deep/y.gz", "\(root)/sub/deep/z.txt", "\(root)/sub/x.gz"])
        #expect(try Glob.expand("\(root)/c.txt") == ["\(root)/c.txt"])
        // Named explicitly, a hidden file or a link is taken as given.
        #expect(try Glob.expand("\(root)/.hidden.gz") == ["\(root)/.hidden.gz"])
        #expect(try Glob.expand("\(root)/link/x.gz") == ["\(root)/link/x.gz"])
        // A directory matched by a wildcard expands too.
        #expect(try Glob.expand("\(root)/oth*") == ["\(root)/other/o.gz"])
    }

    @Test("several patterns: one sorted, deduplicated list")
    func severalPatterns() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(
            try Glob.expand(["\(root)/b.gz", "\(root)/[ab].gz", "\(root)/other", "\(root)/a.gz"])
                == ["\(root)/a.gz", "\(root)/b.gz", "\(root)/other/o.gz"])
    }

    @Test("results keep the form of the pattern")
    func keepsForm() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(try Glob.expand("\(root)/./sub/*.gz") == ["\(root)/./sub/x.gz"])
        #expect(try Glob.expand("\(root)//sub//x.gz") == ["\(root)//sub//x.gz"])
        #expect(try Glob.expand("\(root)//sub//*.gz") == ["\(root)/sub/x.gz"])
    }

    @Test("no match gives an empty list")
    func noMatch() throws {
        let tree = try Self.makeTree()
        defer { tree.remove() }
        let root = tree.path
        #expect(try Glob.expand("\(root)/*.parquet") == [])
        #expect(try Glob.expand("\(root)/missing") == [])
        #expect(try Glob.expand("\(root)/missing/*.gz") == [])
        #expect(try Glob.expand("\(root)/c.txt/*") == [])
        #expect(try Glob.expand("") == [])
    }

    @Test("results are sorted by UTF-8 bytes")
    func utf8Order() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Unicode-aware ordering would put "é" (U+00E9) and "e\u{301}" together; bytes do not.
        // Two names that differ only in Unicode normalization are two files: both are kept.
        for name in ["b", "a-c", "a/b", "é", "e\u{301}", "B"] { _ = try directory.write(name, "x") }
        let root = directory.path
        let expected = ["\(root)/B", "\(root)/a-c", "\(root)/a/b", "\(root)/b", "\(root)/e\u{301}", "\(root)/é"]
        #expect(try Glob.expand(root).map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        #expect(try Glob.expand("\(root)/*").map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        #expect(try FileSystem.walk(root).map { Array($0.utf8) } == expected.map { Array($0.utf8) })
    }
}
