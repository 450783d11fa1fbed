internal import Crypto

/// A Merkle tree over an ordered list of leaves, as defined for Certificate Transparency (RFC 9162 §2.1):
///
///     MTH({})        = SHA-256()
///     MTH({d0})      = SHA-256(0x00 || d0)                          (leaf hash)
///     MTH(D[n])      = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))  (k: the largest power of two < n)
///
/// The 0x00/0x01 prefixes keep a leaf from being passed off as an inner node (second-preimage attacks).
/// Inclusion proofs are RFC 9162 §2.1.3 audit paths, checked with the algorithm of §2.1.3.2, so any
/// implementation of that RFC can verify Winnow's proofs.
public struct MerkleTree: Sendable {
    /// The leaf hashes (`SHA-256(0x00 || leaf)`), in leaf order.
    public let leafHashes: [[UInt8]]

    public init(leafHashes: [[UInt8]]) {
        self.leafHashes = leafHashes
    }

    /// `SHA-256(0x00 || data)`.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: data)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// The root hash (SHA-256 of nothing for an empty tree).
    public var root: [UInt8] {
        guard !leafHashes.isEmpty else { return Array(SHA256.hash(data: [UInt8]())) }
        // Bottom-up: pair neighbours; an odd node at the end is carried up unchanged. This yields the same
        // root as the recursive definition (the left subtree is always the largest complete one).
        var level = leafHashes
        while level.count > 1 {
            var next: [[UInt8]] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(Self.nodeHash(level[index], level[index + 1]))
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            level = next
        }
        return level[0]
    }

    /// The audit path of leaf `index` (RFC 9162 §2.1.3.1), nearest sibling first.
    public func inclusionProof(for index: Int) -> [[UInt8]] {
        precondition(leafHashes.indices.contains(index), "leaf \(index) out of 0..<\(leafHashes.count)")
        return Self.path(index, leafHashes[...])
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        let n = leaves.count
        guard n > 1 else { return [] }
        let k = largestPowerOfTwo(below: n)
        let start = leaves.startIndex
        if m < k {
            return path(m, leaves[start..<(start + k)]) + [subtreeHash(leaves[(start + k)...])]
        }
        return path(m - k, leaves[(start + k)...]) + [subtreeHash(leaves[start..<(start + k)])]
    }

    private static func subtreeHash(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        MerkleTree(leafHashes: Array(leaves)).root
    }

    /// Checks an audit path (RFC 9162 §2.1.3.2): that the leaf with hash `leafHash` is leaf `index` of a
    /// tree of `size` leaves with root `root`.
    public static func verify(leafHash: [UInt8], index: Int, size: Int, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }
}
