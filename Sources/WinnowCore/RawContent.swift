/// Undecoded content a reader could not turn into text itself, such as the bytes of an HTML page in its
/// original charset. An extraction stage turns it into the document's `text` and clears it. Raw content is
/// never written to shards.
public struct RawContent: Sendable, Hashable {
    /// The bytes as found in the input (after transfer decoding).
    public var bytes: [UInt8]
    /// The media type, lower-cased, without parameters (for example `text/html`), when known.
    public var mediaType: String?
    /// The charset declared outside the content (an HTTP `Content-Type` header), when any.
    public var charset: String?

    public init(bytes: [UInt8], mediaType: String? = nil, charset: String? = nil) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.charset = charset
    }

    /// Whether the media type says HTML (or XHTML), or is unknown.
    public var mayBeHTML: Bool {
        guard let mediaType else { return true }
        return mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }
}
