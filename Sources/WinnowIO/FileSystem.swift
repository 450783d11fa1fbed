import WinnowCore

/// File-system operations on paths, for the pipeline's own bookkeeping (directories, manifests,
/// markers). Every failure is a `WinnowError(.io)` naming the path and the system's reason.
///
/// Lists are sorted by the UTF-8 bytes of the names, so every machine and locale sees one order.
public enum FileSystem {
    /// Creates a directory; with `intermediates`, also its missing parents. An existing directory is fine.
    public static func createDirectory(_ path: String, intermediates: Bool = true) throws {
        guard intermediates else { return try Platform.makeDirectory(path) }
        if let status = try Platform.fileStatus(path), status.kind == .directory { return }
        let parent = parentDirectory(of: path)
        if parent != path && parent != "." && parent != "/" {
            try createDirectory(parent, intermediates: true)
        }
        try Platform.makeDirectory(path)
    }

    /// Whether something exists at `path` (following symbolic links).
    public static func fileExists(_ path: String) throws -> Bool {
        try Platform.fileStatus(path) != nil
    }

    /// Whether `path` is a directory (following symbolic links).
    public static func isDirectory(_ path: String) throws -> Bool {
        try Platform.fileStatus(path)?.kind == .directory
    }

    /// Whether `path` is a regular file (following symbolic links).
    public static func isRegularFile(_ path: String) throws -> Bool {
        try Platform.fileStatus(path)?.kind == .regular
    }

    /// Up to `count` bytes of the file at `path` starting at byte `offset` (fewer at the end of the file).
    public static func readRange(_ path: String, offset: Int64, count: Int) throws -> [UInt8] {
        let fd = try Platform.openForReading(path)
        defer { Platform.close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = try bytes.withUnsafeMutableBytes { raw in
                try Platform.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), at: offset + Int64(filled), path: path)
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Whether `path` itself is a symbolic link (not followed).
    public static func isSymbolicLink(_ path: String) throws -> Bool {
        try Platform.fileStatus(path, followSymlinks: false)?.kind == .symbolicLink
    }

    /// The size of the file at `path` in bytes. Throws `.io` when it does not exist.
    public static func fileSize(_ path: String) throws -> Int64 {
        guard let status = try Platform.fileStatus(path) else {
            throw Platform.error("stat", Platform.noSuchFile, "cannot get the size", path: path)
        }
        return status.size
    }

    /// Removes a file, a symbolic link (not its target) or an empty directory; with `recursive`, a
    /// directory and everything below it (symbolic links below are removed, never followed).
    /// Throws `.io` when nothing exists at `path`.
    public static func removeItem(_ path: String, recursive: Bool = false) throws {
        guard let status = try Platform.fileStatus(path, followSymlinks: false) else {
            throw Platform.error("lstat", Platform.noSuchFile, "cannot remove", path: path)
        }
        guard status.kind == .directory else { return try Platform.removeFile(path) }
        if recursive {
            for name in try Platform.directoryEntries(path) {
                try removeItem(join(path, name), recursive: true)
            }
        }
        try Platform.removeDirectory(path)
    }

    /// Renames (moves) `source` to `destination`, replacing a file there; atomic within one file system.
    public static func rename(_ source: String, to destination: String) throws {
        try Platform.rename(source, destination)
    }

    /// The names in a directory (not paths; without `.` and `..`), sorted by UTF-8 bytes.
    public static func contentsOfDirectory(_ path: String) throws -> [String] {
        sortedByUTF8(try Platform.directoryEntries(path))
    }

    /// The whole content of a (small) file.
    public static func readFile(_ path: String) throws -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Writes `bytes` to `path` through an `AtomicFileWriter`: readers see the old content or the new,
    /// never a part.
    public static func writeFileAtomically(_ path: String, _ bytes: [UInt8], fsync: Bool = false) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit(fsync: fsync)
    }

    /// The regular files below `directory`, recursively, as paths starting with `directory`, sorted by
    /// UTF-8 bytes. Symbolic links to regular files are included; symbolic links to directories are
    /// not followed (no cycles, no escaping the tree).
    ///
    /// - Parameter includeHidden: whether to include files and directories whose name starts with `.`.
    public static func walk(_ directory: String, includeHidden: Bool = true) throws -> [String] {
        var files: [String] = []
        try collectFiles(below: directory, includeHidden: includeHidden, into: &files)
        return sortedByUTF8(files)
    }

    /// `directory` followed by `name`, with exactly one `/` between them (`name` alone when
    /// `directory` is empty).
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory part of a path: `"a/b"` → `"a"`, `"b"` → `"."`, `"/b"` → `"/"`.
    public static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        var parent = trimmed[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }

    /// Sorts paths or names by their UTF-8 bytes (not by `String`'s Unicode ordering).
    public static func sortedByUTF8(_ strings: [String]) -> [String] {
        strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Sorts by UTF-8 bytes and drops byte-identical duplicates (a `Set<String>` would also merge
    /// names that differ only in Unicode normalization, which are different files).
    static func sortedUniqueByUTF8(_ strings: [String]) -> [String] {
        var result: [String] = []
        for string in sortedByUTF8(strings) where !(result.last.map { $0.utf8.elementsEqual(string.utf8) } ?? false) {
            result.append(string)
        }
        return result
    }

    /// The regular files below `directory` (`""` is the current directory, giving relative paths), unsorted.
    static func collectFiles(below directory: String, includeHidden: Bool, into files: inout [String]) throws {
        for name in try Platform.directoryEntries(directory.isEmpty ? "." : directory) {
            if !includeHidden && name.hasPrefix(".") { continue }
            let path = join(directory, name)
            guard let status = try Platform.fileStatus(path, followSymlinks: false) else { continue }
            switch status.kind {
            case .directory:
                try collectFiles(below: path, includeHidden: includeHidden, into: &files)
            case .regular:
                files.append(path)
            case .symbolicLink:
                if try Platform.fileStatus(path)?.kind == .regular { files.append(path) }
            case .other:
                continue
            }
        }
    }

    /// The directories below `directory` (not following symbolic links), recursively, unsorted.
    static func collectDirectories(below directory: String, includeHidden: Bool, into directories: inout [String])
        throws
    {
        for name in try Platform.directoryEntries(directory.isEmpty ? "." : directory) {
            if !includeHidden && name.hasPrefix(".") { continue }
            let path = join(directory, name)
            if try Platform.fileStatus(path, followSymlinks: false)?.kind == .directory {
                directories.append(path)
                try collectDirectories(below: path, includeHidden: includeHidden, into: &directories)
            }
        }
    }
}
