internal import WinnowCore
internal import WinnowIO

/// SHA-256 of files as stored, streamed in 1 MiB reads.
public enum FileDigest {
    /// Lower-case hex SHA-256 of the bytes of the file at `path`.
    public static func sha256(of path: String) throws -> String {
        let source = try FileByteSource(path: path)
        var hasher = StreamingSHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return hasher.finalizeHex()
    }
}
