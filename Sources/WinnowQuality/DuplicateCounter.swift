/// An open-addressing hash set of items identified by an index, with an exact equality check supplied by
/// the caller (hashes only select candidates, so collisions never change a result), counting occurrences.
/// Reused across documents: `reset` keeps the storage. Each slot keeps hash, item and count together
/// (16 bytes), so a probe touches one cache line.
struct DuplicateCounter {
    struct Slot {
        var hash: UInt64
        var item: Int32
        var count: Int32
    }

    private(set) var slots: [Slot] = []
    private var mask = 0
    /// Slots in use, in insertion order.
    private(set) var used: [Int32] = []

    mutating func reset(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        if slots.count != capacity {
            slots = [Slot](repeating: Slot(hash: 0, item: -1, count: 0), count: capacity)
        } else {
            for slot in used { slots[Int(slot)] = Slot(hash: 0, item: -1, count: 0) }
        }
        used.removeAll(keepingCapacity: true)
        mask = capacity - 1
    }

    /// Adds one occurrence of `item`; returns the slot and whether an equal item was already stored.
    @inline(__always)
    mutating func insert(_ item: Int, hash: UInt64, equal: (Int, Int) -> Bool) -> (slot: Int, seen: Bool) {
        var slot = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9 >> 17) & mask
        return slots.withUnsafeMutableBufferPointer { s in
            while s[slot].item >= 0 {
                if s[slot].hash == hash, equal(Int(s[slot].item), item) {
                    s[slot].count += 1
                    return (slot, true)
                }
                slot = (slot + 1) & mask
            }
            s[slot] = Slot(hash: hash, item: Int32(item), count: 1)
            used.append(Int32(slot))
            return (slot, false)
        }
    }

    func count(_ slot: Int) -> Int32 { slots[slot].count }

    /// The item stored in `slot`.
    func item(_ slot: Int) -> Int { Int(slots[slot].item) }
}
