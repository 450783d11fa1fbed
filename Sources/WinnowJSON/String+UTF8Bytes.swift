/// Byte-level comparison and hashing of strings.
///
/// JSON text distinguishes strings by their code points, so WinnowJSON compares keys and string
/// values by their UTF-8 bytes, not by Swift's `==`, which treats canonically equivalent strings
/// (`"é"` and `"e\u{301}"`) as equal. UTF-8 byte order is also code-point order.
extension String {
    /// `true` when both strings have exactly the same UTF-8 bytes.
    @inline(__always)
    func utf8Equals(_ other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        if let result = utf8.withContiguousStorageIfAvailable({ mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                UTF8Bytes.equal(mine, theirs)
            }
        }), let equal = result {
            return equal
        }
        return utf8.elementsEqual(other.utf8)
    }

    /// `true` when `self` sorts before `other` by UTF-8 bytes (equivalently, by code points).
    @inline(__always)
    func utf8Precedes(_ other: String) -> Bool {
        if let result = utf8.withContiguousStorageIfAvailable({ mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                UTF8Bytes.compare(mine, theirs) < 0
            }
        }), let precedes = result {
            return precedes
        }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Feeds the UTF-8 bytes, then their count, to `hasher`.
    func hashUTF8(into hasher: inout Hasher) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if done == nil {
            for byte in utf8 { hasher.combine(byte) }
        }
        hasher.combine(utf8.count)
    }
}

/// Comparisons of byte buffers.
enum UTF8Bytes {
    /// Byte equality, eight bytes at a time.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        if x == y { return true }
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeRawPointer(y)
        var index = 0
        while index &+ 8 <= count {
            if rawX.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != rawY.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index &+= 8
        }
        while index < count {
            if x[index] != y[index] { return false }
            index &+= 1
        }
        return true
    }

    /// Negative, zero or positive as `a` sorts before, equal to, or after `b`.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            let x = a[index]
            let y = b[index]
            if x != y { return x < y ? -1 : 1 }
            index += 1
        }
        return a.count - b.count
    }
}

/// A string key that hashes and compares by UTF-8 bytes, for sets of object keys.
struct UTF8Key: Hashable {
    let string: String

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool { lhs.string.utf8Equals(rhs.string) }

    func hash(into hasher: inout Hasher) { string.hashUTF8(into: &hasher) }
}
