internal import WinnowCore
internal import WinnowIO
internal import WinnowProvenance

/// SHA-256 of an input as stored (compressed bytes for compressed files). A directory input (a code
/// tree) hashes the sorted list of `<relative path> <SHA-256>` lines of its regular files.
enum InputHashing {
    static func sha256(of path: String) throws -> String {
        if try FileSystem.isDirectory(path) {
            var listing = ""
            for file in try FileSystem.walk(path) {
                let relative = String(file.dropFirst(path.count).drop { $0 == "/" })
                listing += "\(relative) \(try sha256(of: file))\n"
            }
            return StableHash.sha256Hex(listing)
        }
        return try FileDigest.sha256(of: path)
    }
}
