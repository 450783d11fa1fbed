/// A fastText model's vocabulary: its words (each with its char n-gram rows), its labels, and for a
/// pruned (`.ftz` with `-cutoff`) model the map from hashed n-gram bucket to the rows that were kept.
///
/// Entries are in file order: words first (`0..<wordCount`), then labels. Word lookup is an
/// open-addressing table keyed by fastText's own hash, so a token is hashed once and the same hash serves
/// its word n-grams.
public struct FastTextDictionary: Sendable {
    /// The entry kinds of the file (`entry_type`: 0 word, 1 label).
    public enum EntryKind: UInt8, Sendable { case word = 0, label = 1 }

    /// Every entry's bytes, concatenated; entry `i` is `text[starts[i]..<starts[i+1]]`.
    let text: [UInt8]
    let starts: [Int]
    public let counts: [Int64]
    public let wordCount: Int
    public let labelCount: Int
    public let tokenCount: Int64
    /// `-1` when the model is not pruned, else the number of kept n-gram buckets.
    let pruneSize: Int64
    /// Kept n-gram bucket → its row after the words (only for pruned models; looked up, never iterated).
    let prune: [Int32: Int32]
    let minn: Int
    let maxn: Int
    let bucket: UInt32
    /// Open-addressing table of entry ids (`-1` empty), size a power of two.
    private let table: [Int32]
    private let tableMask: Int
    /// The rows of each word's features (itself, then its char n-grams): `subwords[subwordStarts[i]..<subwordStarts[i+1]]`.
    let subwordStarts: [Int32]
    let subwords: [Int32]

    public static let endOfSentence: [UInt8] = Array("</s>".utf8)
    public static let labelPrefix: [UInt8] = Array("__label__".utf8)

    /// The bytes of entry `index`.
    public func entry(_ index: Int) -> ArraySlice<UInt8> { text[starts[index]..<starts[index + 1]] }

    /// The label names (with their `__label__` prefix), in the model's label order.
    public var labels: [String] {
        (0..<labelCount).map { String(decoding: entry(wordCount + $0), as: UTF8.self) }
    }

    init(
        entries: [[UInt8]], counts: [Int64], wordCount: Int, tokenCount: Int64, pruneSize: Int64, prune: [Int32: Int32],
        minn: Int, maxn: Int, bucket: UInt32
    ) {
        var text: [UInt8] = []
        var starts: [Int] = [0]
        for entry in entries {
            text.append(contentsOf: entry)
            starts.append(text.count)
        }
        self.text = text
        self.starts = starts
        self.counts = counts
        self.wordCount = wordCount
        self.labelCount = entries.count - wordCount
        self.tokenCount = tokenCount
        self.pruneSize = pruneSize
        self.prune = prune
        self.minn = minn
        self.maxn = maxn
        self.bucket = bucket

        var size = 16
        while size < 2 * max(entries.count, 1) { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        for (index, entry) in entries.enumerated() {
            var slot = Int(FastTextHash.hash(entry)) & (size - 1)
            while table[slot] >= 0 {
                if entries[Int(table[slot])] == entry { break }  // a repeated entry: the first one wins
                slot = (slot + 1) & (size - 1)
            }
            if table[slot] < 0 { table[slot] = Int32(index) }
        }
        self.table = table
        self.tableMask = size - 1

        // Each word's rows: itself, then (unless it is </s>) the char n-grams of "<word>".
        var subwordStarts: [Int32] = [0]
        var subwords: [Int32] = []
        var scratch: [UInt8] = []
        for index in 0..<wordCount {
            subwords.append(Int32(index))
            if entries[index] != Self.endOfSentence, maxn > 0 {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(0x3c)
                scratch.append(contentsOf: entries[index])
                scratch.append(0x3e)
                scratch.withUnsafeBufferPointer { word in
                    Self.charNgrams(word, minn: minn, maxn: maxn, bucket: bucket, pruneSize: pruneSize, prune: prune,
                                    wordCount: Int32(wordCount)) { subwords.append($0) }
                }
            }
            subwordStarts.append(Int32(subwords.count))
        }
        self.subwordStarts = subwordStarts
        self.subwords = subwords
    }

    /// The id of the entry spelled `token` whose fastText hash is `hash`, or -1.
    @inline(__always)
    func find(_ token: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        var slot = Int(hash) & tableMask
        return text.withUnsafeBufferPointer { text in
            while true {
                let id = table[slot]
                if id < 0 { return -1 }
                let start = starts[Int(id)], end = starts[Int(id) + 1]
                if end - start == token.count, memcmp(text.baseAddress! + start, token.baseAddress!, token.count) {
                    return id
                }
                slot = (slot + 1) & tableMask
            }
        }
    }

    /// The id of `word`, or nil.
    public func id(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { bytes in
            let id = find(bytes, hash: FastTextHash.hash(bytes))
            return id < 0 ? nil : Int(id)
        }
    }

    @inline(__always)
    private func memcmp(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// The row of hashed n-gram bucket `id`, as fastText's `pushHash`: `wordCount + id`, remapped (or
    /// dropped) in a pruned model.
    @inline(__always)
    static func ngramRow(_ id: Int32, pruneSize: Int64, prune: [Int32: Int32], wordCount: Int32) -> Int32? {
        if pruneSize == 0 || id < 0 { return nil }
        if pruneSize > 0 {
            guard let kept = prune[id] else { return nil }
            return wordCount + kept
        }
        return wordCount + id
    }

    /// Calls `emit` with the row of each char n-gram of `word` (which includes its `<` `>` boundaries),
    /// as fastText's `computeSubwords`: every run of `minn...maxn` Unicode scalars (counted by UTF-8 lead
    /// bytes), except the lone boundary characters, hashed into `bucket`.
    @inline(__always)
    static func charNgrams(
        _ word: UnsafeBufferPointer<UInt8>, minn: Int, maxn: Int, bucket: UInt32, pruneSize: Int64, prune: [Int32: Int32],
        wordCount: Int32, emit: (Int32) -> Void
    ) {
        guard bucket > 0 else { return }
        let count = word.count
        var i = 0
        while i < count {
            if word[i] & 0xC0 == 0x80 { i += 1; continue }
            var hash = FastTextHash.offsetBasis
            var j = i
            var n = 1
            while j < count, n <= maxn {
                hash = FastTextHash.step(hash, word[j])
                j += 1
                while j < count, word[j] & 0xC0 == 0x80 {
                    hash = FastTextHash.step(hash, word[j])
                    j += 1
                }
                if n >= minn, !(n == 1 && (i == 0 || j == count)) {
                    if let row = ngramRow(Int32(hash % bucket), pruneSize: pruneSize, prune: prune, wordCount: wordCount) {
                        emit(row)
                    }
                }
                n += 1
            }
            i += 1
        }
    }
}

extension FastTextDictionary {
    static func read(from reader: inout ModelByteReader, args: FastTextArgs) throws -> FastTextDictionary {
        let sizePosition = reader.offset
        let size = Int(try reader.int32("dictionary.size"))
        let words = Int(try reader.int32("dictionary.nwords"))
        let labels = Int(try reader.int32("dictionary.nlabels"))
        let tokens = try reader.int64("dictionary.ntokens")
        let prunePosition = reader.offset
        let pruneSize = try reader.int64("dictionary.pruneidx_size")
        guard size >= 0, words >= 0, labels >= 0, size == words + labels else {
            throw reader.error("dictionary size \(size) is not words \(words) + labels \(labels)", at: sizePosition)
        }
        guard pruneSize >= -1, pruneSize <= Int64(Int32.max) else {
            throw reader.error("prune index size \(pruneSize) is out of range", at: prunePosition)
        }
        // Each entry takes at least 10 bytes: a NUL, a count and a type.
        guard size <= reader.remaining / 10 else { throw reader.error("dictionary of \(size) entries is longer than the file", at: sizePosition) }
        var entries: [[UInt8]] = []
        var counts: [Int64] = []
        entries.reserveCapacity(size)
        counts.reserveCapacity(size)
        for index in 0..<size {
            let position = reader.offset
            entries.append(try reader.cString("dictionary entry \(index)"))
            counts.append(try reader.int64("dictionary entry \(index) count"))
            let typePosition = reader.offset
            let type = try reader.uint8("dictionary entry \(index) type")
            guard let kind = EntryKind(rawValue: type) else {
                throw reader.error("dictionary entry \(index) has type \(type) (0 word, 1 label)", at: typePosition)
            }
            guard kind == (index < words ? .word : .label) else {
                throw reader.error("dictionary entry \(index) is a \(kind) where the file's counts put a \(index < words ? "word" : "label")", at: position)
            }
        }
        var prune: [Int32: Int32] = [:]
        if pruneSize > 0 {
            try reader.need(Int(pruneSize) * 8, "prune index")
            prune.reserveCapacity(Int(pruneSize))
            for _ in 0..<pruneSize {
                let position = reader.offset
                let from = try reader.int32("prune index key")
                let to = try reader.int32("prune index value")
                guard from >= 0, to >= 0, to < Int32(pruneSize) else {
                    throw reader.error("prune index pair (\(from), \(to)) is out of range", at: position)
                }
                prune[from] = to
            }
        }
        return FastTextDictionary(
            entries: entries, counts: counts, wordCount: words, tokenCount: tokens, pruneSize: pruneSize, prune: prune,
            minn: Int(args.minn), maxn: Int(args.maxn), bucket: UInt32(max(args.bucket, 0)))
    }

    func write(to writer: inout ModelByteWriter) {
        writer.append(Int32(wordCount + labelCount))
        writer.append(Int32(wordCount))
        writer.append(Int32(labelCount))
        writer.append(tokenCount)
        writer.append(Int64(-1))
        for index in 0..<(wordCount + labelCount) {
            writer.bytes.append(contentsOf: entry(index))
            writer.bytes.append(0)
            writer.append(counts[index])
            writer.bytes.append(index < wordCount ? EntryKind.word.rawValue : EntryKind.label.rawValue)
        }
    }
}
