/// Turns a text into the input rows a fastText model averages, exactly as fastText's `Dictionary::getLine`
/// does for one line, reusing its buffers so that a document costs no allocation once they have grown.
///
/// * Tokens are the runs of bytes between the separators fastText uses: space, `\t`, `\n`, `\v`, `\f`,
///   `\r` and NUL. The whole text is one line: a newline separates tokens like a space (fastText reads one
///   line at a time and callers replace newlines, as DCLM and FineWeb do), and the line ends with the
///   end-of-sentence token `</s>`, as fastText's `predict` appends a newline.
/// * A token in the vocabulary contributes its row and its char n-gram rows (precomputed); a token
///   outside it contributes the char n-grams of `<token>`; a token starting with `__label__` that is not a
///   word is a label and contributes nothing.
/// * Word n-grams (`wordNgrams` > 1) hash the tokens' 32-bit hashes with fastText's 64-bit recurrence
///   `h = h * 116049371 + hash[j]` (sign-extended) into `bucket`.
public struct FastTextFeaturizer {
    /// The rows of the last text's features.
    public private(set) var rows: [Int32] = []
    private var wordHashes: [Int32] = []
    private var scratch: [UInt8] = []

    public init() {}

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte == 0
    }

    /// Computes the feature rows of `text` for `dictionary`; read them from ``rows``.
    public mutating func extract(_ text: UnsafeBufferPointer<UInt8>, dictionary: FastTextDictionary, wordNgrams: Int) {
        rows.removeAll(keepingCapacity: true)
        wordHashes.removeAll(keepingCapacity: true)
        let count = text.count
        var index = 0
        while index < count {
            while index < count, Self.isSeparator(text[index]) { index += 1 }
            if index == count { break }
            let start = index
            while index < count, !Self.isSeparator(text[index]) { index += 1 }
            addToken(UnsafeBufferPointer(rebasing: text[start..<index]), dictionary: dictionary)
        }
        FastTextDictionary.endOfSentence.withUnsafeBufferPointer { addToken($0, dictionary: dictionary) }
        addWordNgrams(dictionary: dictionary, n: wordNgrams)
    }

    private mutating func addToken(_ token: UnsafeBufferPointer<UInt8>, dictionary: FastTextDictionary) {
        let hash = FastTextHash.hash(token)
        let id = dictionary.find(token, hash: hash)
        if id >= 0 {
            guard Int(id) < dictionary.wordCount else { return }  // a known label
            if dictionary.maxn <= 0 {
                rows.append(id)
            } else {
                let start = Int(dictionary.subwordStarts[Int(id)]), end = Int(dictionary.subwordStarts[Int(id) + 1])
                dictionary.subwords.withUnsafeBufferPointer { rows.append(contentsOf: $0[start..<end]) }
            }
        } else {
            if Self.hasLabelPrefix(token) { return }  // an unknown label
            if !Self.isEndOfSentence(token), dictionary.maxn > 0 {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(0x3c)
                scratch.append(contentsOf: token)
                scratch.append(0x3e)
                let wordCount = Int32(dictionary.wordCount)
                scratch.withUnsafeBufferPointer { word in
                    FastTextDictionary.charNgrams(
                        word, minn: dictionary.minn, maxn: dictionary.maxn, bucket: dictionary.bucket,
                        pruneSize: dictionary.pruneSize, prune: dictionary.prune, wordCount: wordCount
                    ) { rows.append($0) }
                }
            }
        }
        wordHashes.append(Int32(bitPattern: hash))
    }

    private mutating func addWordNgrams(dictionary: FastTextDictionary, n: Int) {
        guard n > 1, dictionary.bucket > 0 else { return }
        let bucket = UInt64(dictionary.bucket)
        let wordCount = Int32(dictionary.wordCount)
        let count = wordHashes.count
        for i in 0..<count {
            var h = UInt64(bitPattern: Int64(wordHashes[i]))
            var j = i + 1
            while j < count, j < i + n {
                h = h &* 116_049_371 &+ UInt64(bitPattern: Int64(wordHashes[j]))
                if let row = FastTextDictionary.ngramRow(
                    Int32(truncatingIfNeeded: h % bucket), pruneSize: dictionary.pruneSize, prune: dictionary.prune, wordCount: wordCount)
                {
                    rows.append(row)
                }
                j += 1
            }
        }
    }

    static func hasLabelPrefix(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix = FastTextDictionary.labelPrefix
        guard token.count >= prefix.count else { return false }
        for index in 0..<prefix.count where token[index] != prefix[index] { return false }
        return true
    }

    static func isEndOfSentence(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        token.count == 4 && token[0] == 0x3c && token[1] == 0x2f && token[2] == 0x73 && token[3] == 0x3e
    }
}
