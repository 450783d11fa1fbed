import WinnowCore

/// Expands input path patterns into a sorted list of files.
///
/// - `*`, `?` and `[abc]`/`[a-z]`/`[!a]` match within one path component (`fnmatch(3)`); like the shell,
///   they do not match a leading `.`, so hidden files need an explicit `.` in the pattern.
/// - `**` as a whole component matches zero or more directories (`data/**/*.gz`), not following
///   symbolic links to directories and skipping hidden ones.
/// - A pattern without wildcards names itself: a file expands to itself, a directory to every regular
///   file below it (recursively, hidden files skipped), a missing path to nothing.
/// - A directory matched by a wildcard pattern expands the same way: results are always files.
/// - Brace alternatives (`{a,b}`) are not supported: pass several patterns instead.
///
/// Results keep the form of the pattern (relative patterns give relative paths), are deduplicated,
/// and are sorted by UTF-8 bytes. No match gives an empty array: the caller decides how to report it.
public enum Glob {
    /// Expands one pattern (see the type's documentation).
    ///
    /// - Throws: `WinnowError(.io)` when a directory on the way cannot be read.
    public static func expand(_ pattern: String) throws -> [String] {
        try expand([pattern])
    }

    /// Expands several patterns into one sorted, deduplicated list.
    public static func expand(_ patterns: [String]) throws -> [String] {
        var results: [String] = []
        for pattern in patterns { try expand(pattern, into: &results) }
        return FileSystem.sortedUniqueByUTF8(results)
    }

    /// Whether `text` contains a wildcard character (`*`, `?` or `[`).
    public static func hasWildcards(_ text: some StringProtocol) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    private static func expand(_ pattern: String, into results: inout [String]) throws {
        guard !pattern.isEmpty else { return }
        guard hasWildcards(pattern) else {
            try addMatch(pattern, into: &results)
            return
        }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true)
        // "" stands for the current directory (relative patterns give relative results).
        var candidates: [String] = [pattern.hasPrefix("/") ? "/" : ""]
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            var next: [String] = []
            for candidate in candidates {
                if component == "**" {
                    next.append(candidate)
                    try FileSystem.collectDirectories(below: candidate, includeHidden: false, into: &next)
                } else if hasWildcards(component) {
                    let pattern = String(component)
                    for name in try Platform.directoryEntries(candidate.isEmpty ? "." : candidate)
                    where Platform.matches(pattern: pattern, name: name) {
                        let path = FileSystem.join(candidate, name)
                        if try isLast || Platform.fileStatus(path)?.kind == .directory { next.append(path) }
                    }
                } else {
                    let path = FileSystem.join(candidate, String(component))
                    guard let status = try Platform.fileStatus(path) else { continue }
                    if isLast || status.kind == .directory { next.append(path) }
                }
            }
            candidates = next
            if candidates.isEmpty { return }
        }
        for candidate in candidates { try addMatch(candidate, into: &results) }
    }

    /// Adds a matched path: a directory contributes its files, anything else itself.
    private static func addMatch(_ path: String, into results: inout [String]) throws {
        if try path.isEmpty || Platform.fileStatus(path)?.kind == .directory {
            var files: [String] = []
            try FileSystem.collectFiles(below: path, includeHidden: false, into: &files)
            results.append(contentsOf: files)
        } else if try Platform.fileStatus(path) != nil {
            results.append(path)
        }
    }
}
