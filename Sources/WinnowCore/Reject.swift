/// A record that could not be read or processed, with the error that says why and where, and (a prefix
/// of) its raw bytes for the quarantine file.
public struct Reject: Sendable {
    public var error: WinnowError
    /// The raw record, or its first bytes when it is very large.
    public var raw: [UInt8]
    /// Whether `raw` is only the start of the record.
    public var rawTruncated: Bool

    /// The most raw bytes kept for one rejected record.
    public static let maxRawBytes = 1 << 20

    public init(error: WinnowError, raw: some Collection<UInt8>) {
        self.error = error
        self.rawTruncated = raw.count > Reject.maxRawBytes
        self.raw = Array(raw.prefix(Reject.maxRawBytes))
    }
}
