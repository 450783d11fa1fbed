/// Two 64-bit values ordered lexicographically: an LSH band entry `(band key, document key)` or a
/// candidate pair `(first document key, second document key)`.
struct KeyPair: Comparable, Hashable {
    var first: UInt64
    var second: UInt64

    static func < (lhs: KeyPair, rhs: KeyPair) -> Bool {
        lhs.first != rhs.first ? lhs.first < rhs.first : lhs.second < rhs.second
    }

    func append(to writer: inout BinaryWriter) {
        writer.append(first)
        writer.append(second)
    }
}

/// A k-way merge of sorted files of ``KeyPair`` records (16 bytes each, little-endian), streaming: it holds one
/// buffered reader per file and a binary heap of their heads, never the files' contents.
struct PairMerge {
    private var readers: [WorkFileReader]
    private var heads: [KeyPair]
    /// Reader indices ordered as a binary min-heap on (head, reader index), so ties come out in file order.
    private var heap: [Int] = []

    init(paths: [String]) throws {
        readers = []
        heads = []
        for path in paths {
            let reader = try WorkFileReader(path: path, bufferSize: 1 << 14)
            readers.append(reader)
            heads.append(KeyPair(first: 0, second: 0))
        }
        for index in readers.indices where try advance(index) {
            push(index)
        }
    }

    private mutating func advance(_ index: Int) throws -> Bool {
        guard try !readers[index].isAtEnd() else { return false }
        heads[index] = KeyPair(first: try readers[index].uint64(), second: try readers[index].uint64())
        return true
    }

    private func before(_ a: Int, _ b: Int) -> Bool {
        heads[a] != heads[b] ? heads[a] < heads[b] : a < b
    }

    private mutating func push(_ index: Int) {
        heap.append(index)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, before(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard before(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }

    /// The next record in sorted order, or nil when every file is exhausted.
    mutating func next() throws -> KeyPair? {
        guard let top = heap.first else { return nil }
        let value = heads[top]
        if try advance(top) {
            siftDown()
        } else {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            siftDown()
        }
        return value
    }
}
