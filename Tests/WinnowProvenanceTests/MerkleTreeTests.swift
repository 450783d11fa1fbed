import Testing
import WinnowProvenance

@Suite struct MerkleTreeTests {
    static func tree(_ leaves: [[UInt8]]) -> MerkleTree {
        MerkleTree(leafHashes: leaves.map(MerkleTree.leafHash))
    }

    static func leaves(_ count: Int) -> [[UInt8]] {
        (0..<count).map { Array("leaf-\($0)".utf8) }
    }

    /// Roots from an independent implementation of RFC 9162's recursive definition (Python, hashlib).
    @Test(arguments: [
        (1, "305df59f9590c3c9ac63d2b2743c388e3792449078cebf7fb3dbe6471643b2b7"),
        (2, "60a53eed0de87a90c8e59427c59c46253c33a76a09502a51801300927b7e6bdc"),
        (3, "cf763a041c81ceef1578a6083f75c61bef2e0014f2a3e683a97fcfca5be7f19a"),
        (5, "00d21829a5503145348abcf712513eacf2a274211ad83e970202bb5b6d80b286"),
        (7, "0b007fb915eb9b2a146f54b1c86ec53b664f8e455b7660b0b6ee13edc0d921c0"),
        (8, "ca6b7b3e674ac86c1027b59c87c064fc3bc27b313294c75f83bd05fdd13f0dcf"),
        (13, "a8ef4844c8e1d5ba49c811cdb86e95791f5d32ca7d9709afda28fdf65e949a53"),
    ])
    func rootsMatchTheRFCDefinition(count: Int, root: String) {
        #expect(Hex.encode(Self.tree(Self.leaves(count)).root) == root)
    }

    @Test func certificateTransparencyTestVector() {
        let leaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                 [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f)]
        #expect(Hex.encode(Self.tree(leaves).root) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        #expect(Hex.encode(MerkleTree(leafHashes: []).root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func everyProofVerifiesAndNoTamperedOneDoes() {
        for count in 1...20 {
            let tree = Self.tree(Self.leaves(count))
            let root = tree.root
            for index in 0..<count {
                let proof = tree.inclusionProof(for: index)
                let leaf = tree.leafHashes[index]
                #expect(MerkleTree.verify(leafHash: leaf, index: index, size: count, proof: proof, root: root))
                // Wrong index, wrong size, wrong leaf, a flipped proof byte: all rejected.
                if count > 1 {
                    #expect(!MerkleTree.verify(leafHash: leaf, index: (index + 1) % count, size: count, proof: proof, root: root))
                    #expect(!MerkleTree.verify(leafHash: tree.leafHashes[(index + 1) % count], index: index, size: count, proof: proof, root: root))
                    var bad = proof
                    bad[0][0] ^= 1
                    #expect(!MerkleTree.verify(leafHash: leaf, index: index, size: count, proof: bad, root: root))
                }
            }
        }
    }

    @Test func proofShapeMatchesTheRFC() {
        // Audit path of leaf 5 in a tree of 7 (independent Python implementation, first 8 bytes of each).
        let proof = Self.tree(Self.leaves(7)).inclusionProof(for: 5)
        #expect(proof.map { String(Hex.encode($0).prefix(16)) } == ["ea9fc1a1b6e191b4", "676f3782f5b3a5fb", "bdd1c5ff55b19cb6"])
    }

    @Test func manifestPathsStayInsideTheRun() {
        for good in ["shards/shard-00000.jsonl.gz", "stats.json", "lineage/unit-000001.jsonl.zst"] {
            #expect(Manifest.isSafeRelativePath(good))
        }
        for bad in ["../etc/passwd", "/etc/passwd", "shards/../../x", "./stats.json", "a//b", "", "a\\b"] {
            #expect(!Manifest.isSafeRelativePath(bad), "\(bad)")
        }
    }
}
