internal import WinnowCore

/// Cuts a text into tokens (``ShingleMode``), forms the `n`-grams of consecutive tokens (shingles) and hashes
/// each to 32 bits, working on the UTF-8 bytes with buffers it reuses, so nothing is allocated per shingle
/// or per document once the buffers have grown.
///
/// Hashing: each token's normalized UTF-8 bytes are hashed with XXH3-64 (seed `tokenSeed`); a shingle is the
/// XXH3-64 (seed `shingleSeed`) of its `n` token hashes as little-endian bytes, of which the high 32 bits are
/// kept (MinHash's universal hashing, ``MinHasher``, takes 32-bit inputs). A text with `1 ..< n` tokens has one
/// shingle made of all its tokens; a text without tokens has none (it is near-duplicate of nothing).
///
/// Not `Sendable`: one per task.
final class Shingler {
    let mode: ShingleMode
    let ngram: Int
    let foldDigits: Bool
    let tokenSeed: UInt64
    let shingleSeed: UInt64

    /// For each ASCII byte: class (0 separator, 1 word, 2 symbol) << 8 | the byte to write.
    private let ascii: [UInt16]
    /// Entries of the non-ASCII scalars seen so far.
    private let scalars = UnicodeWordTable.Cache()

    private var token: UnsafeMutablePointer<UInt8>
    private var tokenCapacity = 256
    private var tokenCount = 0
    private let window: UnsafeMutablePointer<UInt64>
    private var tokensSeen = 0

    /// The shingle values of the last ``shingle(_:)`` call, each below 2^32.
    private(set) var values: UnsafeMutablePointer<UInt64>
    private(set) var valueCount = 0
    private var valueCapacity = 4096

    init(mode: ShingleMode, ngram: Int, foldDigits: Bool, tokenSeed: UInt64, shingleSeed: UInt64) {
        precondition(ngram >= 1, "ngram must be positive")
        self.mode = mode
        self.ngram = ngram
        self.foldDigits = foldDigits
        self.tokenSeed = tokenSeed
        self.shingleSeed = shingleSeed
        var table = [UInt16](repeating: 0, count: 128)
        for byte in 0..<128 {
            let character = UInt8(byte)
            let isUpper = (0x41...0x5a).contains(character)
            let isLower = (0x61...0x7a).contains(character)
            let isDigit = (0x30...0x39).contains(character)
            if isUpper || isLower || isDigit || character == 0x5f {
                var out = character
                if isUpper && mode == .words { out += 0x20 }
                if isDigit && foldDigits { out = 0x30 }
                table[byte] = 1 << 8 | UInt16(out)
            } else if character == 0x20 || (0x09...0x0d).contains(character) || character < 0x20 || character == 0x7f {
                // Space, the C0 controls and DEL separate (Python's \w excludes them; White_Space covers 09-0D).
                table[byte] = UInt16(character)
            } else {
                table[byte] = 2 << 8 | UInt16(character)
            }
        }
        ascii = table
        token = .allocate(capacity: tokenCapacity)
        window = .allocate(capacity: ngram)
        values = .allocate(capacity: valueCapacity)
    }

    deinit {
        token.deallocate()
        window.deallocate()
        values.deallocate()
    }

    /// Computes the shingle values of `text` into ``values`` (``valueCount`` of them); returns the count.
    @discardableResult
    func shingle(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { shingle(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// As ``shingle(_:)``, on valid UTF-8 bytes.
    func shingle(bytes: UnsafeRawBufferPointer) -> Int {
        valueCount = 0
        tokenCount = 0
        tokensSeen = 0
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let count = bytes.count
        let isWords = mode == .words
        let scalars = self.scalars
        let entries = scalars.entries
        ascii.withUnsafeBufferPointer { table in
            do {
                var index = 0
                while index < count {
                    let byte = base[index]
                    if byte < 0x80 {
                        let entry = table[Int(byte)]
                        let kind = entry >> 8
                        if kind == 1 {
                            appendTokenByte(UInt8(truncatingIfNeeded: entry))
                        } else {
                            endToken()
                            if kind == 2 && !isWords { symbolToken(UInt32(byte)) }
                        }
                        index += 1
                        continue
                    }
                    // Multi-byte scalar (the input is valid UTF-8).
                    var value: UInt32
                    if byte < 0xe0 {
                        value = UInt32(byte & 0x1f) << 6 | UInt32(base[index + 1] & 0x3f)
                        index += 2
                    } else if byte < 0xf0 {
                        value = UInt32(byte & 0x0f) << 12 | UInt32(base[index + 1] & 0x3f) << 6 | UInt32(base[index + 2] & 0x3f)
                        index += 3
                    } else {
                        value = UInt32(byte & 0x07) << 18 | UInt32(base[index + 1] & 0x3f) << 12
                            | UInt32(base[index + 2] & 0x3f) << 6 | UInt32(base[index + 3] & 0x3f)
                        index += 4
                    }
                    var entry: UInt32
                    if value < 0x10000 {
                        entry = entries[Int(value)]
                        if entry == UnicodeWordTable.unknown { entry = scalars.fill(value) }
                    } else {
                        entry = UnicodeWordTable.entry(Unicode.Scalar(value) ?? " ")
                    }
                    if isWords {
                        if entry & UnicodeWordTable.complexBit != 0 {
                            // A multi-scalar lower-case mapping: classify each scalar of it.
                            for lower in (Unicode.Scalar(value) ?? " ").properties.lowercaseMapping.unicodeScalars {
                                let lowerEntry = scalars.entry(lower.value)
                                handle(lower.value, kind: lowerEntry >> 23 & 3, digit: lowerEntry & UnicodeWordTable.digitBit != 0, isWords: true)
                            }
                        } else {
                            handle(entry & 0x1f_ffff, kind: entry >> 21 & 3, digit: entry & UnicodeWordTable.lowerDigitBit != 0, isWords: true)
                        }
                    } else {
                        handle(value, kind: entry >> 23 & 3, digit: entry & UnicodeWordTable.digitBit != 0, isWords: false)
                    }
                }
            }
        }
        endToken()
        if tokensSeen > 0 && tokensSeen < ngram {
            emitShingle(UnsafeRawPointer(window + (ngram - tokensSeen)), count: tokensSeen)
        }
        return valueCount
    }

    @inline(__always)
    private func handle(_ scalar: UInt32, kind: UInt32, digit: Bool, isWords: Bool) {
        switch kind {
        case UnicodeWordTable.word:
            appendScalar(digit && foldDigits ? 0x30 : scalar)
        case UnicodeWordTable.symbol:
            endToken()
            if !isWords { symbolToken(scalar) }
        default:
            endToken()
        }
    }

    @inline(__always)
    private func appendTokenByte(_ byte: UInt8) {
        if tokenCount == tokenCapacity { growToken() }
        token[tokenCount] = byte
        tokenCount += 1
    }

    private func appendScalar(_ value: UInt32) {
        if value < 0x80 {
            appendTokenByte(UInt8(value))
        } else if value < 0x800 {
            appendTokenByte(UInt8(0xc0 | value >> 6))
            appendTokenByte(UInt8(0x80 | value & 0x3f))
        } else if value < 0x10000 {
            appendTokenByte(UInt8(0xe0 | value >> 12))
            appendTokenByte(UInt8(0x80 | value >> 6 & 0x3f))
            appendTokenByte(UInt8(0x80 | value & 0x3f))
        } else {
            appendTokenByte(UInt8(0xf0 | value >> 18))
            appendTokenByte(UInt8(0x80 | value >> 12 & 0x3f))
            appendTokenByte(UInt8(0x80 | value >> 6 & 0x3f))
            appendTokenByte(UInt8(0x80 | value & 0x3f))
        }
    }

    private func growToken() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: tokenCapacity * 2)
        bigger.update(from: token, count: tokenCount)
        token.deallocate()
        token = bigger
        tokenCapacity *= 2
    }

    /// A one-scalar token (code mode's operators and brackets).
    private func symbolToken(_ scalar: UInt32) {
        appendScalar(scalar)
        endToken()
    }

    @inline(__always)
    private func endToken() {
        guard tokenCount > 0 else { return }
        let hash = StableHash.xxh3(UnsafeRawBufferPointer(start: token, count: tokenCount), seed: tokenSeed)
        tokenCount = 0
        var slot = 0
        while slot < ngram - 1 {
            window[slot] = window[slot + 1]
            slot += 1
        }
        window[ngram - 1] = hash.littleEndian
        tokensSeen += 1
        if tokensSeen >= ngram {
            emitShingle(UnsafeRawPointer(window), count: ngram)
        }
    }

    @inline(__always)
    private func emitShingle(_ start: UnsafeRawPointer, count: Int) {
        let hash = StableHash.xxh3(UnsafeRawBufferPointer(start: start, count: count * 8), seed: shingleSeed)
        if valueCount == valueCapacity {
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: valueCapacity * 2)
            bigger.update(from: values, count: valueCount)
            values.deallocate()
            values = bigger
            valueCapacity *= 2
        }
        values[valueCount] = hash >> 32
        valueCount += 1
    }
}
