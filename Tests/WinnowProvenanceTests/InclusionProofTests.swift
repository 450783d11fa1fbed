import Testing
import WinnowCore
import WinnowJSON
import WinnowProvenance

/// The proof parser takes untrusted files: every malformed proof is a `WinnowError` naming the file, never
/// a crash, and a well-formed proof verifies exactly when it leads to the root.
@Suite struct InclusionProofTests {
    static func leaf(_ index: Int) -> JSONValue {
        ProvenanceRecords.documentLeaf(
            id: "doc-\(index)", sha256: String(repeating: "0", count: 64), source: "test", weight: .null,
            shard: "shard-00000.jsonl.gz", line: Int64(index + 1))
    }

    /// A proof file for leaf `index` of a tree of `size` leaves, and the tree's root.
    static func proofFile(index: Int, size: Int) -> (bytes: [UInt8], root: [UInt8]) {
        let tree = MerkleTree(leafHashes: (0..<size).map { ProvenanceRecords.leafHash(leaf($0)) })
        let proof: JSONValue = .object([
            "format": "winnow-inclusion-proof/1", "leaf": leaf(index), "leaf_index": .number(JSONNumber(index)),
            "tree_size": .number(JSONNumber(size)),
            "proof": .array(tree.inclusionProof(for: index).map { .string(Hex.encode($0)) }),
        ])
        return (proof.serialized(), tree.root)
    }

    @Test(arguments: [(0, 1), (0, 2), (1, 2), (4, 7), (6, 7), (12, 13)])
    func wellFormedProofsVerify(index: Int, size: Int) throws {
        let (bytes, root) = Self.proofFile(index: index, size: size)
        let proof = try InclusionProof.parse(bytes, path: "p.json")
        #expect(proof.leafIndex == Int64(index) && proof.treeSize == Int64(size))
        #expect(proof.verifies(root: root))
        var wrong = root
        wrong[0] ^= 1
        #expect(!proof.verifies(root: wrong))
        #expect(!proof.verifies(root: Array(root.prefix(31))))
    }

    @Test(arguments: [
        (#"{"leaf":{},"leaf_index":0,"tree_size":1,"proof":[]"#, "not JSON"),
        (#"[]"#, "no 'leaf' object"),
        (#"{"leaf":"x","leaf_index":0,"tree_size":1,"proof":[]}"#, "no 'leaf' object"),
        (#"{"leaf":{},"leaf_index":-1,"tree_size":1,"proof":[]}"#, "no non-negative integer 'leaf_index'"),
        (#"{"leaf":{},"leaf_index":1e3,"tree_size":1,"proof":[]}"#, "no non-negative integer 'leaf_index'"),
        (#"{"leaf":{},"leaf_index":2,"tree_size":2,"proof":[]}"#, "no integer 'tree_size' above 'leaf_index'"),
        (#"{"leaf":{},"leaf_index":0,"tree_size":99999999999999999999,"proof":[]}"#, "no integer 'tree_size' above 'leaf_index'"),
        (#"{"leaf":{},"leaf_index":0,"tree_size":2,"proof":{}}"#, "no 'proof' array"),
        (#"{"leaf":{},"leaf_index":0,"tree_size":2,"proof":["abc"]}"#, "proof hash 0 is not 64 hex digits"),
        (#"{"leaf":{},"leaf_index":0,"tree_size":2,"proof":[1]}"#, "proof hash 0 is not 64 hex digits"),
        (#"{"leaf":{},"leaf_index":0,"tree_size":2,"proof":["zz"]}"#, "proof hash 0 is not 64 hex digits"),
    ])
    func malformedProofsAreErrors(text: String, reason: String) {
        let error = #expect(throws: WinnowError.self) { try InclusionProof.parse(Array(text.utf8), path: "bad.json") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.location?.path == "bad.json")
        #expect(error?.message.hasPrefix("not a winnow inclusion proof: \(reason)") == true, "\(error?.message ?? "")")
    }

    @Test func overlongAuditPathsAreRejected() {
        let hash = String(repeating: "ab", count: 32)
        let text = #"{"leaf":{},"leaf_index":0,"tree_size":2,"proof":["# + Array(repeating: "\"\(hash)\"", count: 65).joined(separator: ",") + "]}"
        let error = #expect(throws: WinnowError.self) { try InclusionProof.parse(Array(text.utf8), path: "long.json") }
        #expect(error?.message == "not a winnow inclusion proof: 'proof' has 65 hashes, more than any tree has levels")
    }
}
