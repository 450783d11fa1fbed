/// Recognizes URLs, e-mail addresses and domain names (`https://deb.debian.org/debian`, `joe@falcot.com`,
/// `data.tar.xz`) the way spaCy's English tokenizer does before it splits at infixes, so that they stay one
/// word: an optional scheme (`[\w+\-.]{2,}://`), an optional `user[:password]@`, a host of one or more
/// labels each followed by `.`, a top-level domain of 2–63 lower-case letters, an optional port (2–5
/// digits) and an optional path starting with `/`, `?` or `#`. Dotted IPv4 addresses also match.
enum URLMatcher {
    @inline(__always)
    private static func isLabelChar(_ c: UInt32) -> Bool {
        (c < 0x80 && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39))) || (c >= 0xA1 && c <= 0xFFFF)
    }

    static func matches(_ t: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Bool {
        // Quick reject: a URL here needs a '.' (host.tld).
        var hasDot = false
        for i in r where t[i] == 0x2E { hasDot = true; break }
        guard hasDot else { return false }
        var s = r.lowerBound
        // Scheme.
        var i = r.lowerBound
        while i < r.upperBound {
            let c = t[i]
            let word = c == 0x2B || c == 0x2D || c == 0x2E || c == 0x5F || PythonCharacters.isAlnum(c)
            if !word { break }
            i += 1
        }
        if i - r.lowerBound >= 2, i + 2 < r.upperBound, t[i] == 0x3A, t[i + 1] == 0x2F, t[i + 2] == 0x2F {
            s = i + 3
        }
        if hostAndRest(t, s, r.upperBound) { return true }
        // user[:password]@ before the host: try each '@'.
        var j = s + 1
        while j < r.upperBound {
            if t[j] == 0x40, hostAndRest(t, j + 1, r.upperBound) { return true }
            j += 1
        }
        return false
    }

    /// host (labels '.' ... tld) [:port] [path] up to `end`.
    private static func hostAndRest(_ t: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        var hostEnd = start
        while hostEnd < end {
            let c = t[hostEnd]
            if c == 0x3A || c == 0x2F || c == 0x3F || c == 0x23 { break }
            hostEnd += 1
        }
        guard hostEnd > start else { return false }
        if !ipv4(t, start, hostEnd) && !domain(t, start, hostEnd) { return false }
        var i = hostEnd
        if i < end, t[i] == 0x3A {
            var j = i + 1
            while j < end, PythonCharacters.isAlnum(t[j]), t[j] >= 0x30, t[j] <= 0x39 { j += 1 }
            let digits = j - i - 1
            guard digits >= 2, digits <= 5 else { return false }
            i = j
        }
        if i == end { return true }
        return t[i] == 0x2F || t[i] == 0x3F || t[i] == 0x23
    }

    private static func domain(_ t: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        // Last label: the TLD, 2-63 lower-case letters.
        var tldStart = end
        while tldStart > start, t[tldStart - 1] != 0x2E { tldStart -= 1 }
        let tldLength = end - tldStart
        guard tldStart > start, tldLength >= 2, tldLength <= 63 else { return false }
        for k in tldStart..<end where !EnglishWordTokenizer.isLower(t[k]) { return false }
        // Labels before it: each non-empty, at most 64 characters, starting and ending with a label character,
        // with '_' and '-' allowed inside.
        var labelStart = start
        var k = start
        while k < tldStart {
            if t[k] == 0x2E {
                let length = k - labelStart
                guard length >= 1, length <= 64, isLabelChar(t[labelStart]), isLabelChar(t[k - 1]) else { return false }
                for m in labelStart..<k {
                    let c = t[m]
                    if !(isLabelChar(c) || c == 0x5F || c == 0x2D) { return false }
                }
                labelStart = k + 1
            }
            k += 1
        }
        return true
    }

    private static func ipv4(_ t: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        var i = start
        while i <= end {
            if i == end || t[i] == 0x2E {
                guard digits >= 1, digits <= 3, value <= 255 else { return false }
                parts += 1
                value = 0
                digits = 0
            } else if t[i] >= 0x30, t[i] <= 0x39 {
                value = value * 10 + Int(t[i] - 0x30)
                digits += 1
                if digits > 3 { return false }
            } else {
                return false
            }
            i += 1
        }
        return parts == 4
    }
}
