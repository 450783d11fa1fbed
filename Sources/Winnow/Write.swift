/// Writer stages, for the end of a pipeline.
public enum Write {
    /// Dolma-format JSON Lines shards. See ``ShardWriter``.
    public static func shards(
        to output: String,
        compression: Compression = .gzip,
        compressionLevel: Int? = nil,
        maxShardBytes: Int64 = 128 << 20,
        prefix: String = "shard",
        label: String = "write.shards"
    ) -> ShardWriter {
        ShardWriter(
            to: output, compression: compression, compressionLevel: compressionLevel,
            maxShardBytes: maxShardBytes, prefix: prefix, label: label)
    }
}
