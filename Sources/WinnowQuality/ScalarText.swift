/// A document's text decoded once into Unicode code points, so that lengths and offsets are counted in
/// characters as Python counts them (`len(str)`), and the filters can index in O(1). One buffer per task is
/// reused across documents.
struct ScalarText {
    private(set) var scalars: [UInt32] = []
    /// UTF-8 byte offset of each scalar, plus one final entry with the byte length (filled on demand).
    private(set) var byteOffsets: [Int] = []

    var count: Int { scalars.count }

    mutating func load(_ text: String, withByteOffsets: Bool = false) {
        byteOffsets.removeAll(keepingCapacity: true)
        var copy = text
        copy.withUTF8 { bytes in
            let n = bytes.count
            // At most one scalar per byte; written through a pointer (appending scalar by scalar checked the
            // buffer's uniqueness and capacity each time), eight ASCII bytes at a time where possible.
            scalars = [UInt32](unsafeUninitializedCapacity: n) { out, count in
                guard let base = bytes.baseAddress else { count = 0; return }
                var i = 0, k = 0
                while i < n {
                    if !withByteOffsets {
                        while i + 8 <= n {
                            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 != 0 { break }
                            for j in 0..<8 { out[k + j] = UInt32(base[i + j]) }
                            i += 8; k += 8
                        }
                        if i >= n { break }
                    }
                    let b0 = UInt32(base[i])
                    if withByteOffsets { byteOffsets.append(i) }
                    if b0 < 0x80 {
                        out[k] = b0; i += 1
                    } else if b0 < 0xE0 {
                        out[k] = (b0 & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F); i += 2
                    } else if b0 < 0xF0 {
                        out[k] = (b0 & 0x0F) << 12 | UInt32(base[i + 1] & 0x3F) << 6 | UInt32(base[i + 2] & 0x3F)
                        i += 3
                    } else {
                        out[k] = (b0 & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12 | UInt32(base[i + 2] & 0x3F) << 6
                            | UInt32(base[i + 3] & 0x3F)
                        i += 4
                    }
                    k += 1
                }
                count = k
            }
            if withByteOffsets { byteOffsets.append(n) }
        }
    }

    /// Loads scalar values already decoded (valid scalars, from a `String`).
    mutating func load(scalars values: Slice<UnsafeBufferPointer<UInt32>>) {
        byteOffsets.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        scalars.append(contentsOf: values)
    }

    /// The text of `range` as a String.
    func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        for i in range { s.append(Unicode.Scalar(scalars[i])!) }
        return String(s)
    }

    /// Python `str.strip()` bounds of `range`.
    func stripped(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, PythonCharacters.isSpace(scalars[lo]) { lo += 1 }
        while hi > lo, PythonCharacters.isSpace(scalars[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Python `str.splitlines()`: the line ranges, without their terminators.
    func splitLines(_ range: Range<Int>? = nil, into lines: inout [Range<Int>]) {
        lines.removeAll(keepingCapacity: true)
        let r = range ?? 0..<scalars.count
        var start = r.lowerBound
        var i = r.lowerBound
        scalars.withUnsafeBufferPointer { scalars in
            while i < r.upperBound {
                let c = scalars[i]
                if c <= 0x1E || c > 0x7F, PythonCharacters.isLineBreak(c) {
                    lines.append(start..<i)
                    if c == 0x0D, i + 1 < r.upperBound, scalars[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
        }
        if start < r.upperBound { lines.append(start..<r.upperBound) }
    }

    /// Splits on runs of `\n` (Python `re.split("\n+", text)` when `minimum` is 1, `re.split(r"\n{2,}", ...)`
    /// when it is 2). Empty leading and trailing pieces are kept, as `re.split` keeps them.
    func splitOnNewlineRuns(_ range: Range<Int>, minimum: Int, into pieces: inout [Range<Int>]) {
        pieces.removeAll(keepingCapacity: true)
        var start = range.lowerBound
        var i = range.lowerBound
        scalars.withUnsafeBufferPointer { scalars in
            while i < range.upperBound {
                if scalars[i] == 0x0A {
                    var j = i
                    while j < range.upperBound, scalars[j] == 0x0A { j += 1 }
                    if j - i >= minimum {
                        pieces.append(start..<i)
                        start = j
                    }
                    i = j
                } else {
                    i += 1
                }
            }
        }
        pieces.append(start..<range.upperBound)
    }

    /// Whether the scalars of two ranges are equal.
    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        if a.lowerBound == b.lowerBound { return true }
        return scalars.withUnsafeBufferPointer { p in
            var i = a.lowerBound, j = b.lowerBound
            while i < a.upperBound {
                if p[i] != p[j] { return false }
                i += 1; j += 1
            }
            return true
        }
    }

    /// Whether `range` starts with the ASCII string `prefix`.
    func hasPrefix(_ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard range.count >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where scalars[range.lowerBound + k] != UInt32(p[k]) { return false }
        return true
    }

    /// Whether `range` ends with the ASCII string `suffix`.
    func hasSuffix(_ range: Range<Int>, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard range.count >= n else { return false }
        let p = suffix.utf8Start
        let base = range.upperBound - n
        for k in 0..<n where scalars[base + k] != UInt32(p[k]) { return false }
        return true
    }
}
