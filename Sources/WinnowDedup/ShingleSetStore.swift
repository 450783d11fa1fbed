internal import WinnowCore
internal import WinnowIO

/// Where a document's shingle values lie on disk: a file, the byte offset of its values and how many there are.
struct ShingleLocation: Equatable {
    /// Index into ``ShingleSetStore``'s file list.
    var file: Int32
    var count: UInt32
    var offset: UInt64

    /// A document whose shingles were not written (an index batch made without exact verification).
    static let missing = ShingleLocation(file: -1, count: 0, offset: 0)
    var isMissing: Bool { file < 0 }
}

/// Reads the shingle sets of candidate documents for exact Jaccard verification (``MinHashDedup/Verification/exact``).
///
/// On disk, per input unit (and per index batch made with exact verification):
///
/// ```
/// shingles/unit-NNNNNN.bin        every signed document's 32-bit shingle values, little-endian, in text order
/// shingle-index/unit-NNNNNN.bin   per signed document: UInt64 byte offset into the shingles file, UInt32 count
/// ```
///
/// The collect phase writes the values as the shingler produces them (no sort, no per-document work beyond a
/// copy), so the cost lands on the cluster phase and only for documents in candidate pairs: each is read with
/// one positioned read, sorted and made unique when it is compared. Memory is two documents' values at a time
/// (plus the caller's cache), never the corpus.
///
/// The sets are of the 32-bit shingle hashes MinHash itself uses, so the Jaccard computed here is exactly the
/// quantity the signature estimates. It differs from the Jaccard of the shingle strings only by hash
/// collisions: two distinct shingles of documents with `n` and `m` shingles collide with probability about
/// `n·m / 2^32` in all; for two 10,000-shingle documents that is 0.02 spurious common shingles, changing the
/// similarity by at most 1/10,000 — far below any threshold's resolution.
final class ShingleSetStore {
    private(set) var files: [String] = []
    private var bytes: [UInt8] = []

    /// The number of positioned reads so far.
    private(set) var reads = 0

    /// Registers a shingles file; returns its number for ``ShingleLocation/file``.
    func addFile(_ path: String) -> Int32 {
        files.append(path)
        return Int32(files.count - 1)
    }

    /// Reads the values at `location` into `set`, sorted and unique.
    func load(_ location: ShingleLocation, into set: inout [UInt32]) throws {
        set.removeAll(keepingCapacity: true)
        guard !location.isMissing, location.count > 0 else { return }
        let path = files[Int(location.file)]
        let length = Int(location.count) * 4
        bytes = try FileSystem.readRange(path, offset: Int64(location.offset), count: length)
        reads += 1
        guard bytes.count == length else {
            throw WinnowError(
                .internalInconsistency, "shingles file is truncated (\(bytes.count) of \(length) bytes)",
                at: .init(path: path, byteOffset: Int64(location.offset) + Int64(bytes.count)), scope: .task)
        }
        set.reserveCapacity(Int(location.count))
        bytes.withUnsafeBytes { raw in
            for index in 0..<Int(location.count) {
                set.append(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        }
        set.sort()
        var unique = 0
        for index in set.indices where index == 0 || set[index] != set[unique - 1] {
            set[unique] = set[index]
            unique += 1
        }
        set.removeSubrange(unique...)
    }

    /// `|A ∩ B| / |A ∪ B|` of two sorted, duplicate-free sets; 0 when both are empty.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var common = 0
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                var i = 0
                var j = 0
                while i < x.count && j < y.count {
                    let u = x[i]
                    let v = y[j]
                    if u == v {
                        common += 1
                        i += 1
                        j += 1
                    } else if u < v {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }
}
