/// A failure reported by a compression library, attached as the `cause` of a `WinnowError`.
public struct CodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// "zlib", "isa-l" or "zstd".
    public var library: String
    /// The library's status code (zlib's `Z_DATA_ERROR` is -3; zstd's `ZSTD_ErrorCode`).
    public var code: Int
    /// The library's name for it (`Z_DATA_ERROR`, `ZSTD_getErrorName`).
    public var name: String
    /// The library's detail message, when it gave one (zlib's `msg`).
    public var detail: String?

    public var description: String {
        var text = "\(library) \(name) (\(code))"
        if let detail { text += ": \(detail)" }
        return text
    }
}
