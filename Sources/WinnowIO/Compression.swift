/// The compression formats WinnowIO reads and writes.
public enum Compression: String, Sendable, Codable, CaseIterable {
    case none, gzip, zstd

    /// The format that `firstBytes` (the start of a file, at least 4 bytes when available) begins with:
    /// gzip's magic `1f 8b`, zstd's `28 b5 2f fd`, otherwise `.none`. Extensions are never consulted.
    public static func sniff(_ firstBytes: UnsafeRawBufferPointer) -> Compression {
        if firstBytes.count >= 2 && firstBytes[0] == 0x1f && firstBytes[1] == 0x8b { return .gzip }
        if firstBytes.count >= 4 && firstBytes[0] == 0x28 && firstBytes[1] == 0xb5 && firstBytes[2] == 0x2f
            && firstBytes[3] == 0xfd
        {
            return .zstd
        }
        return .none
    }

    /// `sniff` over an array.
    public static func sniff(_ firstBytes: [UInt8]) -> Compression {
        firstBytes.withUnsafeBytes { sniff($0) }
    }

    /// The conventional file name suffix: `""`, `".gz"`, `".zst"`.
    public var fileExtension: String {
        switch self {
        case .none: ""
        case .gzip: ".gz"
        case .zstd: ".zst"
        }
    }

    /// The format a path's suffix names (`.gz`, `.zst`/`.zstd`), otherwise `.none`. For choosing how to
    /// write an output file; reading always sniffs the content instead.
    public init(pathExtensionOf path: String) {
        if path.hasSuffix(".gz") {
            self = .gzip
        } else if path.hasSuffix(".zst") || path.hasSuffix(".zstd") {
            self = .zstd
        } else {
            self = .none
        }
    }
}
