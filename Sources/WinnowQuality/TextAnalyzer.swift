#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-task scratch state shared by the heuristic filters: the decoded text, its words and lines. Buffers
/// are reused from document to document.
///
/// The decoded text and its words are shared, per thread, by every filter that analyses the same text in a
/// row (as the filters of one pipeline segment do): the first decodes and tokenizes, the next ones find
/// the same string (same storage, or equal bytes) and reuse the result. datatrove does the same with an
/// LRU cache on its word splitter. A changed text (C4 rewrites it) is decoded again.
struct TextAnalyzer {
    static let tokenizer = EnglishWordTokenizer()
    private let shared = SharedAnalysis.current()
    var lines: [Range<Int>] = []
    var pieces: [Range<Int>] = []

    var text: ScalarText { shared.text }
    var tokens: [EnglishWordTokenizer.Token] { shared.tokens }

    mutating func load(_ string: String) {
        shared.load(string)
    }

    /// Tokenizes the whole text into words (no whitespace tokens), as datatrove's `split_into_words`.
    mutating func words() {
        shared.words()
    }

    /// Makes `string` the thread's analysed text without decoding or tokenizing it: a filter that wrote
    /// `string` already holds its scalars and, if `words` is given, tokens that are exactly what ``words()``
    /// would find once their whitespace tokens are dropped (each shifted by `-shift`). C4 does this for the
    /// text it leaves, which the next filter analyses.
    mutating func share(_ string: String, scalars: Slice<UnsafeBufferPointer<UInt32>>, words: [EnglishWordTokenizer.Token]?, shift: Int) {
        shared.share(string, scalars: scalars, words: words, shift: shift)
    }
}

/// The thread's last analysed text (see ``TextAnalyzer``).
final class SharedAnalysis {
    private var source: String = ""
    private var sourceAddress: UnsafeRawPointer?
    /// The longest string Swift stores inside the `String` value itself (15 UTF-8 bytes on 64-bit platforms).
    private static let largestSmallString = MemoryLayout<String>.size - 1
    private var hasSource = false
    private(set) var text = ScalarText()
    private(set) var tokens: [EnglishWordTokenizer.Token] = []
    private var hasTokens = false

    func load(_ string: String) {
        var string = string
        let same: Bool = string.withUTF8 { bytes in
            guard hasSource, bytes.count == source.utf8.count else { return false }
            // The same storage is the same text, but only for strings stored out of line: a small string
            // (up to 15 UTF-8 bytes, kept inside the String value) is lent as a temporary copy, whose address
            // is reused by the next small string (which took "12yd" for "12nm").
            if bytes.count > Self.largestSmallString, UnsafeRawPointer(bytes.baseAddress) == sourceAddress { return true }
            return source.withUTF8 { cached in
                bytes.count == 0 || memcmp(bytes.baseAddress!, cached.baseAddress!, bytes.count) == 0
            }
        }
        if same { return }
        text.load(string)
        source = string
        sourceAddress = source.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        hasSource = true
        hasTokens = false
    }

    func share(_ string: String, scalars: Slice<UnsafeBufferPointer<UInt32>>, words: [EnglishWordTokenizer.Token]?, shift: Int) {
        text.load(scalars: scalars)
        source = string
        sourceAddress = source.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        hasSource = true
        hasTokens = false
        guard let words else { return }
        let delta = Int32(shift)
        tokens = words.withUnsafeBufferPointer { words in
            [EnglishWordTokenizer.Token](unsafeUninitializedCapacity: words.count) { out, count in
                var n = 0
                for word in words where !word.isSpace {
                    out[n] = .init(start: word.start - delta, end: word.end - delta, isSpace: false)
                    n += 1
                }
                count = n
            }
        }
        hasTokens = true
    }

    func words() {
        if hasTokens { return }
        let tokenizer = TextAnalyzer.tokenizer
        var tokens = self.tokens
        self.tokens = []
        text.scalars.withUnsafeBufferPointer { p in
            tokenizer.tokenize(p, 0..<p.count, includeSpaces: false, into: &tokens)
        }
        self.tokens = tokens
        hasTokens = true
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<SharedAnalysis>.fromOpaque(pointer).release() }
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    /// This thread's instance.
    static func current() -> SharedAnalysis {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<SharedAnalysis>.fromOpaque(pointer).takeUnretainedValue()
        }
        let analysis = SharedAnalysis()
        pthread_setspecific(key, Unmanaged.passRetained(analysis).toOpaque())
        return analysis
    }
}
