/// A document's words as the Gopher repetition rules count their n-grams: the words concatenated into one
/// stream of scalars, where each word starts, and prefix hashes of the stream, so that the hash of any run of
/// words costs O(1). Counting uses an open-addressing table of (hash, first occurrence, count) slots; hashes
/// only select candidates, equality is always checked on the scalars, so collisions never change a result.
///
/// The buffers only grow and are reused from document to document; every loop reads and writes them
/// through unsafe buffers (appending and indexing arrays one word at a time checked their uniqueness and
/// bounds on every step: a fifth of the filter's instructions).
struct WordNGrams {
    private struct Slot {
        var hash: UInt64
        /// `base` + first occurrence + 1; a slot is empty when this is at most `base`, so that emptying the
        /// table is raising `base` past every item stored (zeroing it each time cost more than the counting).
        var item: Int32
        var count: Int32
    }

    private static let base: UInt64 = 0x100_0000_01B3

    private var stream: [UInt32] = []
    /// Word `w` is `stream[starts[w]..<starts[w + 1]]`.
    private var starts: [Int] = []
    /// `prefix[j]` is the hash of `stream[0..<j]`.
    private var prefix: [UInt64] = []
    /// `powers[j]` is `base` to the `j`.
    private var powers: [UInt64] = [1]
    private var wordHashes: [UInt64] = []
    private var slots: [Slot] = []
    private var mask = 0
    private var base = 0
    /// Every item stored so far is below this.
    private var top = 0

    /// Number of words loaded.
    private(set) var words = 0

    /// Loads the words `tokens` of `text`.
    mutating func load(_ text: [UInt32], _ tokens: [EnglishWordTokenizer.Token]) {
        words = tokens.count
        var total = 0
        for token in tokens { total += token.count }
        Self.grow(&stream, to: total, 0)
        Self.grow(&starts, to: words + 1, 0)
        Self.grow(&prefix, to: total + 1, 0)
        Self.grow(&wordHashes, to: words, 0)
        if powers.count <= total {
            var p = powers[powers.count - 1]
            powers.reserveCapacity(2 * total + 2)
            while powers.count <= 2 * total + 1 {
                p = p &* Self.base
                powers.append(p)
            }
        }
        var capacity = 16
        while capacity < words * 2 { capacity <<= 1 }
        Self.grow(&slots, to: capacity, Slot(hash: 0, item: 0, count: 0))
        mask = capacity - 1

        // Moved out of `self` while they are written (so that no closure captures `self` while it changes).
        var stream: [UInt32] = [], starts: [Int] = [], prefix: [UInt64] = [], wordHashes: [UInt64] = []
        swap(&stream, &self.stream)
        swap(&starts, &self.starts)
        swap(&prefix, &self.prefix)
        swap(&wordHashes, &self.wordHashes)
        defer {
            swap(&stream, &self.stream)
            swap(&starts, &self.starts)
            swap(&prefix, &self.prefix)
            swap(&wordHashes, &self.wordHashes)
        }
        text.withUnsafeBufferPointer { s in
            tokens.withUnsafeBufferPointer { t in
                stream.withUnsafeMutableBufferPointer { stream in
                    starts.withUnsafeMutableBufferPointer { starts in
                        prefix.withUnsafeMutableBufferPointer { prefix in
                            var k = 0
                            var h: UInt64 = 0
                            prefix[0] = 0
                            for w in 0..<t.count {
                                starts[w] = k
                                for i in Int(t[w].start)..<Int(t[w].end) {
                                    let c = s[i]
                                    stream[k] = c
                                    h = h &* Self.base &+ UInt64(c) &+ 1
                                    k += 1
                                    prefix[k] = h
                                }
                            }
                            starts[t.count] = k
                        }
                    }
                }
            }
        }
        let words = self.words, powers = self.powers
        starts.withUnsafeBufferPointer { starts in
            prefix.withUnsafeBufferPointer { prefix in
                powers.withUnsafeBufferPointer { powers in
                    wordHashes.withUnsafeMutableBufferPointer { hashes in
                        for w in 0..<words {
                            let a = starts[w], b = starts[w + 1]
                            hashes[w] = prefix[b] &- prefix[a] &* powers[b - a]
                        }
                    }
                }
            }
        }
    }

    /// Grows `array` to at least `count` elements (never shrinks it: the tail is unused scratch).
    private static func grow<T>(_ array: inout [T], to count: Int, _ zero: T) {
        if array.count < count { array = [T](repeating: zero, count: max(count, 2 * array.count)) }
    }

    /// Empties the table.
    private mutating func clear() {
        if top + words + 1 > Int(Int32.max) {
            slots.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            top = 0
        }
        base = top
        top = base + words + 1
    }

    @inline(__always)
    private static func slotIndex(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9 >> 17) & mask
    }

    @inline(__always)
    private static func equal(_ stream: UnsafeBufferPointer<UInt32>, _ x: Int, _ y: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if stream[x + k] != stream[y + k] { return false }
            k += 1
        }
        return true
    }

    /// The most frequent word n-gram (words compared one by one; ties go to the n-gram seen first): its
    /// characters with the `n - 1` joining spaces, and its count. Requires `words >= n`.
    mutating func mostFrequent(_ n: Int) -> (characters: Int, count: Int) {
        clear()
        let words = self.words, mask = self.mask, base = self.base
        let stream = self.stream, starts = self.starts, wordHashes = self.wordHashes
        var slots: [Slot] = []
        swap(&slots, &self.slots)  // moved out, so that it stays uniquely referenced while written
        defer { swap(&slots, &self.slots) }
        var bestCount: Int32 = 0, bestItem = 0
        slots.withUnsafeMutableBufferPointer { slots in
            stream.withUnsafeBufferPointer { stream in
                starts.withUnsafeBufferPointer { starts in
                    wordHashes.withUnsafeBufferPointer { wordHashes in
                        for i in 0...(words - n) {
                            var h = UInt64(n)
                            for k in 0..<n { h = (h ^ wordHashes[i + k]) &* 0x9E37_79B9_7F4A_7C15 }
                            var slot = Self.slotIndex(h, mask)
                            while true {
                                let item = Int(slots[slot].item) - base
                                if item <= 0 {
                                    slots[slot] = Slot(hash: h, item: Int32(base + i + 1), count: 1)
                                    if bestCount == 0 { bestCount = 1 }  // the first n-gram, item 0
                                    break
                                }
                                if slots[slot].hash == h {
                                    let j = item - 1
                                    var same = true
                                    for k in 0..<n where starts[j + k + 1] - starts[j + k] != starts[i + k + 1] - starts[i + k] {
                                        same = false
                                        break
                                    }
                                    if same, Self.equal(stream, starts[j], starts[i], starts[i + n] - starts[i]) {
                                        // Counts only grow, so the best so far (highest count, then first seen)
                                        // ends as the best of all: no scan of the table afterwards.
                                        let count = slots[slot].count + 1
                                        slots[slot].count = count
                                        if count > bestCount || (count == bestCount && j < bestItem) {
                                            bestCount = count
                                            bestItem = j
                                        }
                                        break
                                    }
                                }
                                slot = (slot + 1) & mask
                            }
                        }
                    }
                }
            }
        }
        let characters = starts[bestItem + n] - starts[bestItem] + (n - 1)
        return (characters, Int(bestCount))
    }

    /// Characters of the n-grams (words concatenated) that repeat an earlier n-gram, scanning left to right
    /// and jumping past each repeat (datatrove's `find_all_duplicate`).
    mutating func repeatedCharacters(_ n: Int) -> Int {
        guard words >= n else { return 0 }
        clear()
        let words = self.words, mask = self.mask, base = self.base
        let stream = self.stream, starts = self.starts, prefix = self.prefix, powers = self.powers
        var slots: [Slot] = []
        swap(&slots, &self.slots)  // moved out, so that it stays uniquely referenced while written
        defer { swap(&slots, &self.slots) }
        var repeated = 0
        slots.withUnsafeMutableBufferPointer { slots in
            stream.withUnsafeBufferPointer { stream in
                starts.withUnsafeBufferPointer { starts in
                    prefix.withUnsafeBufferPointer { prefix in
                        powers.withUnsafeBufferPointer { powers in
                            var i = 0
                            while i < words - n + 1 {
                                let a = starts[i], b = starts[i + n]
                                let h = prefix[b] &- prefix[a] &* powers[b - a]
                                var slot = Self.slotIndex(h, mask)
                                var seen = false
                                while true {
                                    let item = Int(slots[slot].item) - base
                                    if item <= 0 {
                                        slots[slot] = Slot(hash: h, item: Int32(base + i + 1), count: 1)
                                        break
                                    }
                                    if slots[slot].hash == h {
                                        let xa = starts[item - 1], xb = starts[item - 1 + n]
                                        if xb - xa == b - a, Self.equal(stream, xa, a, b - a) {
                                            slots[slot].count += 1
                                            seen = true
                                            break
                                        }
                                    }
                                    slot = (slot + 1) & mask
                                }
                                if seen {
                                    repeated += b - a
                                    i += n
                                } else {
                                    i += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return repeated
    }
}
