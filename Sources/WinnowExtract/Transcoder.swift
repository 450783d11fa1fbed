#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Turns page bytes into clean UTF-8 for libxml2: decodes legacy charsets through iconv (glibc covers
/// Shift_JIS/CP932, EUC-JP, GBK, Big5, windows-125x, KOI8, ISO-8859-x), replaces undecodable bytes and
/// invalid UTF-8 with U+FFFD, and control characters (NUL included) with spaces.
///
/// libxml2 2.9 needs this: at the first invalid UTF-8 byte it switches the rest of the page to Latin-1,
/// and a NUL byte ends the parse early. The one buffer is reused across pages; iconv descriptors are
/// cached per charset for the lifetime of the transcoder (one per task).
final class Transcoder {
    private(set) var output: [UInt8] = []
    private var converters: [String: iconv_t] = [:]

    deinit {
        for converter in converters.values { iconv_close(converter) }
    }

    /// Whether iconv can decode `name` into UTF-8.
    static func isKnown(_ name: String) -> Bool {
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// Makes UTF-8 from `bytes` in `charset` (an iconv name, as from ``Charset/normalize(_:)``).
    ///
    /// Returns nil when `bytes` is already clean UTF-8 (and `charset` is UTF-8): then use `bytes` as they
    /// are. Otherwise the clean UTF-8 is in ``output`` and the result is the number of replacements made.
    func decode(_ bytes: UnsafeRawBufferPointer, charset: String) -> Int? {
        if charset == "UTF-8" { return sanitize(bytes) }
        guard let converter = converter(for: charset) else { return sanitize(bytes) }
        var replacements = convert(bytes, with: converter)
        // iconv output is valid UTF-8 but may hold control characters.
        output.withUnsafeMutableBufferPointer { output in
            for index in output.indices where Self.isControl(output[index]) {
                output[index] = 0x20
                replacements += 1
            }
        }
        return replacements
    }

    private func converter(for charset: String) -> iconv_t? {
        if let converter = converters[charset] { return converter }
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        converters[charset] = converter
        return converter
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Runs iconv over `bytes` into `output`, writing U+FFFD for each undecodable byte.
    private func convert(_ bytes: UnsafeRawBufferPointer, with converter: iconv_t) -> Int {
        output.removeAll(keepingCapacity: true)
        guard bytes.count > 0, let base = bytes.baseAddress else { return 0 }
        _ = iconv(converter, nil, nil, nil, nil)  // reset the shift state
        var replacements = 0
        var input = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inputLeft = bytes.count
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        output.reserveCapacity(bytes.count * 2)
        chunk.withUnsafeMutableBufferPointer { chunk in
            let chunkBase = UnsafeMutableRawPointer(chunk.baseAddress!).assumingMemoryBound(to: CChar.self)
            while inputLeft > 0 {
                var out: UnsafeMutablePointer<CChar>? = chunkBase
                var outLeft = chunk.count
                var inputPointer: UnsafeMutablePointer<CChar>? = input
                let result = iconv(converter, &inputPointer, &inputLeft, &out, &outLeft)
                let failure = result == -1 ? errno : 0
                input = inputPointer!
                output.append(contentsOf: UnsafeBufferPointer(start: chunk.baseAddress, count: chunk.count - outLeft))
                if result != -1 { break }
                switch failure {
                case E2BIG:
                    continue
                case EILSEQ:
                    output.append(contentsOf: Self.replacement)
                    replacements += 1
                    input += 1
                    inputLeft -= 1
                    _ = iconv(converter, nil, nil, nil, nil)
                default:  // EINVAL: an incomplete sequence at the end
                    output.append(contentsOf: Self.replacement)
                    replacements += 1
                    inputLeft = 0
                }
            }
        }
        return replacements
    }

    /// Checks that `bytes` (which must not be ``output``'s storage) are valid UTF-8 without control
    /// characters. Returns nil when they are; otherwise writes a cleaned copy to ``output`` and returns the
    /// number of changes.
    func sanitize(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let firstProblem = Self.firstProblem(bytes) else { return nil }
        let count = bytes.count
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(count + 64)
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<firstProblem]))
        var changes = 0
        var index = firstProblem
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if Self.isControl(byte) {
                    output.append(0x20)
                    changes += 1
                } else {
                    output.append(byte)
                }
                index += 1
                continue
            }
            let length = UTF8Scan.sequenceLength(bytes, index)
            if length == 0 {
                output.append(contentsOf: Self.replacement)
                changes += 1
                index += 1
            } else {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
        return changes
    }

    /// Word-at-a-time check for bytes that need a closer look: high bit set, or below 0x20.
    @inline(__always)
    private static func needsAttention(_ word: UInt64) -> Bool {
        let high = word & 0x8080_8080_8080_8080
        let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
        return (high | control) != 0
    }

    @inline(__always)
    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// The offset of the first byte that needs a change (invalid UTF-8 or a control character), if any.
    private static func firstProblem(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !needsAttention(word) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if isControl(byte) { return index }
                index += 1
                continue
            }
            let length = UTF8Scan.sequenceLength(bytes, index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }
}
