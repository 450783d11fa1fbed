public import WinnowJSON

/// The canonical records that Winnow's Merkle trees hash. Canonical = JSON with keys sorted by their UTF-8
/// bytes, no white space, numbers as written (see `JSONValue.serialized(sortKeys: true)`).
public enum ProvenanceRecords {
    /// The leaf of a kept document: `{"id", "line", "sha256", "shard", "source", "weight"}`, where `shard`
    /// is the shard's file name, `line` its 1-based line in the shard, `sha256` the SHA-256 of the text,
    /// and `weight` a number or null. Leaves are ordered by (shard, line).
    public static func documentLeaf(id: String, sha256: String, source: String, weight: JSONValue, shard: String, line: Int64) -> JSONValue {
        .object([
            "id": .string(id), "line": .number(JSONNumber(line)), "sha256": .string(sha256),
            "shard": .string(shard), "source": .string(source), "weight": weight,
        ])
    }

    /// The leaf of an output file: `{"bytes", "path", "sha256"}`; leaves ordered by path bytes.
    public static func fileLeaf(path: String, bytes: Int64, sha256: String) -> JSONValue {
        .object(["bytes": .number(JSONNumber(bytes)), "path": .string(path), "sha256": .string(sha256)])
    }

    /// The Merkle leaf hash of a canonical record.
    public static func leafHash(_ record: JSONValue) -> [UInt8] {
        MerkleTree.leafHash(record.serialized(sortKeys: true))
    }
}
