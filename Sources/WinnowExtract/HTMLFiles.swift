internal import WinnowCore
internal import WinnowIO

/// HTML files on disk, as `winnow extract` reads them: `NAME.html`, `NAME.htm` and `NAME.html.gz`
/// (gzip or zstd detected by magic bytes, whatever the name says).
public enum HTMLFiles {
    /// The HTML files named by `paths`: files as given, folders walked recursively for HTML names; sorted
    /// by UTF-8 bytes, duplicates removed.
    ///
    /// - Throws: `WinnowError(.noInput)` for a path that does not exist.
    public static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            guard try FileSystem.fileExists(path) else {
                throw WinnowError(.noInput, "no such file or directory: \(path)", scope: .run)
            }
            if try FileSystem.isDirectory(path) {
                files += try FileSystem.walk(path, includeHidden: false).filter { outputName(for: $0) != nil }
            } else {
                files.append(path)
            }
        }
        var unique: [String] = []
        for file in FileSystem.sortedByUTF8(files) where unique.last != file { unique.append(file) }
        return unique
    }

    /// `NAME.txt` for `.../NAME.html`, `NAME.htm`, `NAME.html.gz` or `NAME.htm.gz`; nil for other names.
    public static func outputName(for path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let lower = name.lowercased()
        for suffix in [".html.gz", ".htm.gz", ".html", ".htm"] where lower.hasSuffix(suffix) && lower.count > suffix.count {
            return String(decoding: Array(name.utf8.dropLast(suffix.utf8.count)), as: UTF8.self) + ".txt"
        }
        return nil
    }

    /// Reads a whole page, decompressing gzip or zstd.
    ///
    /// - Throws: `WinnowError` `.io` when the file cannot be read, `.truncatedStream`/`.corruptStream` for
    ///   damaged compressed data, `.recordTooLarge` beyond `maxBytes`.
    public static func read(_ path: String, maxBytes: Int) throws -> [UInt8] {
        let input = try InputFile.open(path, maxExpansionRatio: nil)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try input.read(into: $0) }
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else {
                throw WinnowError(.recordTooLarge, "larger than \(maxBytes) bytes", at: .init(path: path))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
