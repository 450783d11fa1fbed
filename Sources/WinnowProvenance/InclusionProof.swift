internal import WinnowCore
public import WinnowJSON

/// A Merkle inclusion proof as `winnow prove` prints it (`winnow-inclusion-proof/1`): the document's leaf
/// record, its index, the tree size and the audit path (RFC 9162 §2.1.3), each hash in hex.
///
///     let proof = try InclusionProof.parse(bytes, path: "proof.json")
///     let holds = proof.verifies(root: rootBytes)
public struct InclusionProof: Sendable {
    /// The leaf record (see ``ProvenanceRecords/documentLeaf(id:sha256:source:weight:shard:line:)``).
    public var leaf: JSONValue
    /// The leaf's 0-based index in the documents tree.
    public var leafIndex: Int64
    /// The number of leaves of the tree.
    public var treeSize: Int64
    /// The audit path, nearest sibling first; every hash is 32 bytes.
    public var path: [[UInt8]]

    public init(leaf: JSONValue, leafIndex: Int64, treeSize: Int64, path: [[UInt8]]) {
        self.leaf = leaf
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.path = path
    }

    /// Parses a proof file. Untrusted input: anything but a well-formed proof is an error, never a crash.
    ///
    /// - Throws: `WinnowError` `.invalidArgument` (scope `run`) naming `path` and what is wrong.
    public static func parse(_ bytes: [UInt8], path: String) throws -> InclusionProof {
        func fail(_ reason: String) -> WinnowError {
            WinnowError(.invalidArgument, "not a winnow inclusion proof: \(reason)", at: .init(path: path), scope: .run)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw fail("not JSON (\(error.reason) at byte \(error.offset))")
        }
        guard let leaf = value["leaf"], leaf.objectValue != nil else { throw fail("no 'leaf' object") }
        guard let index = value["leaf_index"]?.int64Value, index >= 0 else { throw fail("no non-negative integer 'leaf_index'") }
        guard let size = value["tree_size"]?.int64Value, size > index else { throw fail("no integer 'tree_size' above 'leaf_index'") }
        guard let entries = value["proof"]?.arrayValue else { throw fail("no 'proof' array") }
        // A tree of size n has an audit path of at most ceil(log2 n) <= 63 hashes.
        guard entries.count <= 64 else { throw fail("'proof' has \(entries.count) hashes, more than any tree has levels") }
        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            guard let text = entry.stringValue, let hash = Hex.decode(text), hash.count == 32 else {
                throw fail("proof hash \(position) is not 64 hex digits")
            }
            hashes.append(hash)
        }
        return InclusionProof(leaf: leaf, leafIndex: index, treeSize: size, path: hashes)
    }

    /// Whether the audit path leads from the leaf to `root` (32 bytes).
    public func verifies(root: [UInt8]) -> Bool {
        guard root.count == 32 else { return false }
        return MerkleTree.verify(
            leafHash: ProvenanceRecords.leafHash(leaf), index: Int(leafIndex), size: Int(treeSize), proof: path, root: root)
    }
}
