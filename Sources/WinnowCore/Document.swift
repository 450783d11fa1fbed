public import WinnowJSON

/// A document flowing through a pipeline, after the Dolma convention
/// (`id`, `text`, `source`, `added`, `created`, `metadata`), plus what Winnow needs to account for it:
/// its `origin` in the inputs and the `attributes` that stages record (scores, cluster sizes, ...).
public struct Document: Sendable, Hashable {
    /// Stable identifier: the record's own id, or one derived from its origin (see the reader's docs).
    public var id: String
    /// The text, always valid UTF-8.
    public var text: String
    /// The collection the document belongs to (Dolma `source`).
    public var source: String
    /// When the document was added to the collection (Dolma `added`), as given by the input.
    public var added: String?
    /// When the document was created (Dolma `created`), as given by the input.
    public var created: String?
    /// Free-form metadata carried from the input.
    public var metadata: JSONObject
    /// What stages recorded about the document, keyed by stage label.
    public var attributes: JSONObject
    /// Where the document came from.
    public var origin: Origin
    /// The training weight (reward weighting); written to the shard line as `weight` when set.
    public var weight: Double?
    /// How many times the writer writes this document's shard line (weighted resampling sets it; 1 by
    /// default). Each copy is a line of its own in the shards and a leaf of its own in the documents Merkle
    /// tree; the lineage lists every placement.
    public var copies: Int64 = 1
    /// Content still to be decoded and extracted (HTML from a WARC record or a file); `text` is empty until
    /// an extraction stage fills it.
    public var raw: RawContent?

    public init(
        id: String,
        text: String,
        source: String,
        added: String? = nil,
        created: String? = nil,
        metadata: JSONObject = JSONObject(),
        attributes: JSONObject = JSONObject(),
        origin: Origin,
        raw: RawContent? = nil
    ) {
        self.id = id
        self.text = text
        self.source = source
        self.added = added
        self.created = created
        self.metadata = metadata
        self.attributes = attributes
        self.origin = origin
        self.raw = raw
    }

    /// SHA-256 of the UTF-8 bytes of `text`, lower-case hex.
    public var textSHA256: String {
        StableHash.sha256Hex(text)
    }
}
