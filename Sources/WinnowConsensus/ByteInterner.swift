internal import WinnowCore

/// Maps byte strings (item ids, labeler ids, class names) to dense indices `0, 1, 2, ...` in the order they
/// are first seen, without a `String` or a `Dictionary` per entry: the bytes live in one arena and an
/// open-addressing table of XXH3 hashes finds them. Used only while loading; the EM loops see the indices.
struct ByteInterner {
    private(set) var arena: [UInt8] = []
    /// Entry `i` is `arena[starts[i] ..< starts[i + 1]]`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slots hold entry index + 1; 0 is empty. The capacity is a power of two, at most half full.
    private var table: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { starts.count - 1 }

    /// The index of `bytes`, adding it if new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = StableHash.xxh3(bytes)
        if let found = find(bytes, hash: hash) { return found }
        let index = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        if count * 2 > table.count { grow() } else { insert(index, hash: hash) }
        return index
    }

    mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The index of `bytes`, or nil when it was never added.
    func lookup(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        find(bytes, hash: StableHash.xxh3(bytes))
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBytes { arena -> Int32? in
            while true {
                let entry = table[slot]
                if entry == 0 { return nil }
                let index = Int(entry - 1)
                if hashes[index] == hash {
                    let start = starts[index]
                    let length = starts[index + 1] - start
                    if length == bytes.count
                        && (length == 0 || memcmpEqual(arena.baseAddress! + start, bytes.baseAddress!, length))
                    {
                        return Int32(index)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func insert(_ index: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = index + 1
    }

    private mutating func grow() {
        table = Array(repeating: 0, count: table.count * 2)
        mask = table.count - 1
        for index in 0..<count { insert(Int32(index), hash: hashes[index]) }
    }

    /// The bytes of entry `index` as a `String` (the bytes were validated as UTF-8 by the caller).
    func string(_ index: Int) -> String {
        arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[starts[index]..<starts[index + 1]]), as: UTF8.self)
        }
    }

    /// Entry indices sorted by their bytes (unsigned lexicographic order; a prefix sorts first).
    func sortedOrder() -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        arena.withUnsafeBytes { arena in
            let base = arena.baseAddress
            order.sort { a, b in
                let aStart = starts[Int(a)], aLength = starts[Int(a) + 1] - aStart
                let bStart = starts[Int(b)], bLength = starts[Int(b) + 1] - bStart
                return compareBytes(base, aStart, aLength, bStart, bLength) < 0
            }
        }
        return order
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            return false
        }
        index += 8
    }
    while index < count {
        if a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) { return false }
        index += 1
    }
    return true
}

@inline(__always)
private func compareBytes(_ base: UnsafeRawPointer?, _ aStart: Int, _ aLength: Int, _ bStart: Int, _ bLength: Int) -> Int {
    guard let base else { return aLength - bLength }
    let common = min(aLength, bLength)
    var index = 0
    while index < common {
        let x = base.load(fromByteOffset: aStart + index, as: UInt8.self)
        let y = base.load(fromByteOffset: bStart + index, as: UInt8.self)
        if x != y { return Int(x) - Int(y) }
        index += 1
    }
    return aLength - bLength
}

/// Whether `a` sorts before `b` by UTF-8 bytes (the order of every id list this module writes).
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    var x = a
    var y = b
    return x.withUTF8 { xb in y.withUTF8 { yb in xb.lexicographicallyPrecedes(yb) } }
}
