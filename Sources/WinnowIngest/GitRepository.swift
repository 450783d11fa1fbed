internal import Foundation
internal import WinnowCore

/// What the `git` command says about a work tree: the checked-out commit, each tracked file's blob id, and
/// the files `.gitignore` excludes. Nil when the directory is not the top of a git work tree or git is
/// missing.
struct GitRepository {
    var commit: String?
    /// Path relative to the root -> blob id (from the index).
    var blobs: [String: String]
    /// Ignored paths relative to the root; directories end in `/`.
    var ignored: [String]

    static func inspect(_ directory: String) -> GitRepository? {
        guard let top = run(["rev-parse", "--show-toplevel"], in: directory).flatMap({ String(decoding: $0, as: UTF8.self).split(separator: "\n").first }),
              URL(fileURLWithPath: String(top)).standardizedFileURL.path == URL(fileURLWithPath: directory).standardizedFileURL.path
        else { return nil }
        let commit = run(["rev-parse", "--verify", "-q", "HEAD"], in: directory)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
        var blobs: [String: String] = [:]
        if let output = run(["ls-files", "-s", "-z"], in: directory) {
            // "<mode> <blob> <stage>\t<path>\0"
            for entry in output.split(separator: 0) {
                guard let tab = entry.firstIndex(of: 0x09) else { continue }
                let fields = String(decoding: entry[entry.startIndex..<tab], as: UTF8.self).split(separator: " ")
                guard fields.count == 3 else { continue }
                blobs[String(decoding: entry[(tab + 1)...], as: UTF8.self)] = String(fields[1])
            }
        }
        var ignored: [String] = []
        if let output = run(["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"], in: directory) {
            ignored = output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        }
        return GitRepository(commit: commit, blobs: blobs, ignored: ignored)
    }

    func isIgnored(_ relativePath: String) -> Bool {
        ignored.contains { $0.hasSuffix("/") ? relativePath.hasPrefix($0) : relativePath == $0 }
    }

    /// Runs `git -C directory arguments...`; the standard output, or nil when git fails or is missing.
    static func run(_ arguments: [String], in directory: String) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
    }
}
