public import WinnowCore
public import WinnowIO
public import WinnowJSON

/// Writes the kept documents as Dolma-format JSON Lines shards:
/// `<output>/shards/<prefix>-00000.jsonl.gz`, `-00001`, ... (or `.jsonl.zst`, `.jsonl`).
///
/// Each line is `{"id", "text", "source", "added", "created", "metadata"}` (Dolma's document format; `added`
/// and `created` are strings, empty when the input had none — a `null` makes Hugging Face datasets infer a
/// null column from one shard and then fail to cast another shard's timestamps), then `"weight"` when a stage set one, then
/// `"attributes"` when stages recorded any. The
/// document's origin goes into `metadata.winnow_origin` as `{"path", "line", "offset"}`.
///
/// Lines appear in the global document order (input file order, then record order). A shard is closed
/// before the line that would take its uncompressed size past `maxShardBytes` (a single larger line gets a
/// shard of its own), so the shard layout depends only on the documents, never on the number of workers.
/// Every shard is written under a temporary name and renamed when complete.
public struct ShardWriter: SinkStage {
    public static let identifier: StageIdentifier = "write.shards@1"

    public var label: String
    public var output: String
    public var compression: Compression
    /// Compression level (gzip 1–9, zstd 1–19); nil for the codec's default (gzip 6, zstd 3).
    public var compressionLevel: Int?
    /// Uncompressed bytes at which a shard is closed.
    public var maxShardBytes: Int64
    /// File name prefix of the shards.
    public var prefix: String

    public init(
        to output: String,
        compression: Compression = .gzip,
        compressionLevel: Int? = nil,
        maxShardBytes: Int64 = 128 << 20,
        prefix: String = "shard",
        label: String = "write.shards"
    ) {
        self.label = label
        self.output = output
        self.compression = compression
        self.compressionLevel = compressionLevel
        self.maxShardBytes = maxShardBytes
        self.prefix = prefix
    }

    public func validate() throws {
        guard !output.isEmpty else { throw invalid("output directory is empty") }
        guard maxShardBytes >= 1024 else { throw invalid("maxShardBytes \(maxShardBytes) is below 1024") }
        guard PlanValidator.isValidLabel(prefix) else { throw invalid("prefix '\(prefix)' may hold only letters, digits, '.', '_' and '-'") }
        if let level = compressionLevel {
            switch compression {
            case .gzip where !(1...9).contains(level): throw invalid("gzip level \(level) is not within 1...9")
            case .zstd where !(1...19).contains(level): throw invalid("zstd level \(level) is not within 1...19")
            case .none: throw invalid("a compression level was given without compression")
            default: break
            }
        }
    }

    /// The file name of shard `index`.
    public func shardName(_ index: Int) -> String {
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, 5 - number.count)) + number
        return "\(prefix)-\(padded).jsonl\(compression.fileExtension)"
    }

    /// Appends the shard line of `document` (without the newline) to `writer`.
    public static func serialize(_ document: Document, into writer: inout JSONWriter) {
        writer.writeRaw("{\"id\":")
        writer.writeString(document.id)
        writer.writeRaw(",\"text\":")
        writer.writeString(document.text)
        writer.writeRaw(",\"source\":")
        writer.writeString(document.source)
        writer.writeRaw(",\"added\":")
        writer.writeString(document.added ?? "")
        writer.writeRaw(",\"created\":")
        writer.writeString(document.created ?? "")
        var metadata = document.metadata
        var origin = JSONObject()
        origin["path"] = .string(document.origin.path)
        if let line = document.origin.line { origin["line"] = .number(JSONNumber(line)) }
        if let offset = document.origin.byteOffset { origin["offset"] = .number(JSONNumber(offset)) }
        if let recordID = document.origin.recordID { origin["record_id"] = .string(recordID) }
        metadata["winnow_origin"] = .object(origin)
        writer.writeRaw(",\"metadata\":")
        writer.write(.object(metadata))
        if let weight = document.weight, weight.isFinite {
            writer.writeRaw(",\"weight\":")
            writer.writeNumber(JSONNumber(weight))
        }
        if !document.attributes.isEmpty {
            writer.writeRaw(",\"attributes\":")
            writer.write(.object(document.attributes))
        }
        writer.writeRaw("}")
    }
}
