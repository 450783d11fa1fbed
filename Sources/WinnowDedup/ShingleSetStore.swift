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
    private var scratch: [UInt32] = []

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
        let count = Int(location.count)
        set.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            for index in 0..<count {
                set.append(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        }
        if count < 512 {
            set.sort()
        } else {
            if scratch.count < count { scratch = Array(repeating: 0, count: count) }
            Self.radixSort(&set, scratch: &scratch)
        }
        var unique = 0
        for index in set.indices where index == 0 || set[index] != set[unique - 1] {
            set[unique] = set[index]
            unique += 1
        }
        set.removeSubrange(unique...)
    }

    /// Sorts `values` ascending: least-significant-digit radix sort in three passes of 11 bits, with the three
    /// histograms counted in one sweep (about 4× faster than `sort()` for the thousands of values of a typical
    /// document, which the cluster phase sorts once per read). `scratch` holds at least `values.count`.
    static func radixSort(_ values: inout [UInt32], scratch: inout [UInt32]) {
        let count = values.count
        values.withUnsafeMutableBufferPointer { data in
            scratch.withUnsafeMutableBufferPointer { other in
                var counts = [Int](repeating: 0, count: 3 * 2048)
                counts.withUnsafeMutableBufferPointer { histogram in
                    for index in 0..<count {
                        let value = Int(data[index])
                        histogram[value & 0x7ff] += 1
                        histogram[2048 + (value >> 11 & 0x7ff)] += 1
                        histogram[4096 + (value >> 22)] += 1
                    }
                    var source = data.baseAddress!
                    var target = other.baseAddress!
                    for pass in 0..<3 {
                        let base = pass * 2048
                        var total = 0
                        for digit in 0..<2048 {
                            let here = histogram[base + digit]
                            histogram[base + digit] = total
                            total += here
                        }
                        let shift = UInt32(11 * pass)
                        for index in 0..<count {
                            let value = source[index]
                            let digit = base + Int(value >> shift & 0x7ff)
                            target[histogram[digit]] = value
                            histogram[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    // Three passes end in `scratch`; copy back.
                    data.baseAddress!.update(from: source, count: count)
                }
            }
        }
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
