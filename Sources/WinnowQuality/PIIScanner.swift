/// Byte-level scanners for personal data in UTF-8 text. Each finds candidate spans with a hand-written
/// scanner and validates them (checksums, ranges), so that version numbers, hashes and code do not match.
///
/// * e-mail: `local@domain.tld` (local part of letters, digits and `._%+-`; domain labels of letters, digits
///   and `-`; a top-level domain of at least 2 letters);
/// * IPv4: four decimal octets ≤ 255, not part of a longer dotted number;
/// * IPv6: 8 groups of 1–4 hex digits, or fewer with one `::`, optionally ending in an IPv4 address;
/// * phone: `+` and 8–15 digits in groups separated by single spaces, `-`, `.` or `(...)`, or the North
///   American forms `(555) 123-4567`, `555-123-4567`, `555.123.4567`;
/// * credit card: 13–19 digits, in groups separated by single spaces or `-`, starting with a card network
///   prefix (2, 3, 4, 5, 6) and passing the Luhn check;
/// * IBAN: a country code, 2 check digits and 11–30 letters or digits (optionally in groups of 4 separated
///   by spaces), 15–34 characters, whose mod-97 check (ISO 13616) gives 1.
enum PIIScanner {
    enum Kind: String, CaseIterable, Sendable {
        case email, ipv4, ipv6, phone, creditCard = "credit_card", iban

        var placeholder: String {
            switch self {
            case .email: return "<EMAIL>"
            case .ipv4: return "<IPV4>"
            case .ipv6: return "<IPV6>"
            case .phone: return "<PHONE>"
            case .creditCard: return "<CREDIT_CARD>"
            case .iban: return "<IBAN>"
            }
        }
    }

    struct Span: Equatable {
        var start: Int
        var end: Int
        var kind: Kind
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }

    /// Every PII span in `bytes`, sorted, non-overlapping (an earlier-listed kind wins an overlap: e-mail,
    /// IBAN, credit card, IPv6, IPv4, phone).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, kinds: Set<Kind>) -> [Span] {
        var spans: [Span] = []
        if kinds.contains(.email) { emails(bytes, &spans) }
        if kinds.contains(.iban) { ibans(bytes, &spans) }
        if kinds.contains(.creditCard) { creditCards(bytes, &spans) }
        if kinds.contains(.ipv6) { ipv6(bytes, &spans) }
        if kinds.contains(.ipv4) { ipv4(bytes, &spans) }
        if kinds.contains(.phone) { phones(bytes, &spans) }
        // Earlier-found spans win overlaps.
        var accepted: [Span] = []
        for span in spans where !accepted.contains(where: { $0.start < span.end && span.start < $0.end }) {
            accepted.append(span)
        }
        accepted.sort { $0.start < $1.start }
        return accepted
    }

    static func emails(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        @inline(__always) func isLocal(_ c: UInt8) -> Bool {
            isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D
        }
        var i = 0
        let n = b.count
        while i < n {
            guard b[i] == 0x40 else { i += 1; continue }
            var s = i
            while s > 0, isLocal(b[s - 1]) { s -= 1 }
            while s < i, b[s] == 0x2E { s += 1 }
            var e = i + 1
            while e < n, isAlnum(b[e]) || b[e] == 0x2D || b[e] == 0x2E { e += 1 }
            while e > i + 1, b[e - 1] == 0x2E || b[e - 1] == 0x2D { e -= 1 }
            // Domain: at least one dot, TLD of ≥ 2 letters, no empty label.
            var valid = s < i && e > i + 1 && b[i - 1] != 0x2E
            if valid {
                var lastDot = -1
                var previous: UInt8 = 0x2E
                for k in (i + 1)..<e {
                    if b[k] == 0x2E {
                        if previous == 0x2E { valid = false; break }
                        lastDot = k
                    }
                    previous = b[k]
                }
                if valid, lastDot > i + 1, e - lastDot - 1 >= 2 {
                    for k in (lastDot + 1)..<e where !isAlpha(b[k]) { valid = false; break }
                } else {
                    valid = false
                }
            }
            if valid {
                out.append(Span(start: s, end: e, kind: .email))
                i = e
            } else {
                i += 1
            }
        }
    }

    static func ipv4(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        let n = b.count
        var i = 0
        while i < n {
            guard isDigit(b[i]), i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x2E) else { i += 1; continue }
            var k = i
            var octets = 0
            var ok = true
            while octets < 4 {
                var value = 0, digits = 0
                while k < n, isDigit(b[k]), digits < 4 { value = value * 10 + Int(b[k] - 0x30); digits += 1; k += 1 }
                if digits == 0 || digits > 3 || value > 255 { ok = false; break }
                octets += 1
                if octets < 4 {
                    if k < n, b[k] == 0x2E { k += 1 } else { ok = false; break }
                }
            }
            if ok, k < n, isAlnum(b[k]) || (b[k] == 0x2E && k + 1 < n && isDigit(b[k + 1])) { ok = false }
            if ok {
                out.append(Span(start: i, end: k, kind: .ipv4))
                i = k
            } else {
                while i < n, isDigit(b[i]) { i += 1 }
            }
        }
    }

    static func ipv6(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            guard isHex(c) || c == 0x3A, i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x3A || b[i - 1] == 0x2E) else {
                i += 1
                continue
            }
            var e = i
            var colons = 0
            while e < n, isHex(b[e]) || b[e] == 0x3A || b[e] == 0x2E {
                if b[e] == 0x3A { colons += 1 }
                e += 1
            }
            if colons >= 2, e >= n || !isAlnum(b[e]), let end = validIPv6(b, i, e) {
                out.append(Span(start: i, end: end, kind: .ipv6))
                i = end
            } else {
                i = max(e, i + 1)
            }
        }
    }

    /// The end of a valid IPv6 address that spans `start..<end` (trailing `.`/`:` trimmed), or nil.
    static func validIPv6(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var e = end
        while e > start, b[e - 1] == 0x2E { e -= 1 }
        if e - start >= 2, b[e - 1] == 0x3A, b[e - 2] != 0x3A { e -= 1 }
        var groups = 0
        var doubleColon = false
        var k = start
        if k + 1 < e, b[k] == 0x3A, b[k + 1] == 0x3A { doubleColon = true; k += 2 } else if b[k] == 0x3A { return nil }
        while k < e {
            var digits = 0
            let groupStart = k
            while k < e, isHex(b[k]) { digits += 1; k += 1 }
            if k < e, b[k] == 0x2E {
                // Embedded IPv4 as the last two groups.
                var dots = 0, value = 0, octetDigits = 0
                var m = groupStart
                while m < e {
                    if b[m] == 0x2E {
                        if octetDigits == 0 || value > 255 { return nil }
                        dots += 1; value = 0; octetDigits = 0
                    } else if isDigit(b[m]) {
                        value = value * 10 + Int(b[m] - 0x30); octetDigits += 1
                        if octetDigits > 3 { return nil }
                    } else { return nil }
                    m += 1
                }
                if dots != 3 || octetDigits == 0 || value > 255 { return nil }
                groups += 2
                k = e
                break
            }
            if digits == 0 || digits > 4 { return nil }
            groups += 1
            if k == e { break }
            // k at ':'
            if k + 1 < e, b[k + 1] == 0x3A {
                if doubleColon { return nil }
                doubleColon = true
                k += 2
            } else {
                k += 1
                if k == e { return nil }
            }
        }
        if doubleColon ? groups > 7 : groups != 8 { return nil }
        if doubleColon && groups < 2 { return nil }  // too ambiguous ("::", "a::b" in code)
        return e
    }

    /// Digits in groups separated by single separators from `allowed`; returns (end, digits) of the run.
    @inline(__always)
    static func digitRun(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, separators: (UInt8) -> Bool, maxDigits: Int, into digits: inout [UInt8]) -> Int {
        digits.removeAll(keepingCapacity: true)
        var k = start
        var end = start
        while k < b.count {
            if isDigit(b[k]) {
                digits.append(b[k] - 0x30)
                k += 1
                end = k
                if digits.count > maxDigits { return end }
            } else if separators(b[k]), k + 1 < b.count, isDigit(b[k + 1]), k > start, isDigit(b[k - 1]) {
                k += 1
            } else {
                break
            }
        }
        return end
    }

    static func creditCards(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        var digits: [UInt8] = []
        var i = 0
        while i < b.count {
            guard isDigit(b[i]), i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x2E || b[i - 1] == 0x2D) else { i += 1; continue }
            let end = digitRun(b, i, separators: { $0 == 0x20 || $0 == 0x2D }, maxDigits: 19, into: &digits)
            let boundary = end >= b.count || !(isAlnum(b[end]) || (b[end] == 0x2E && end + 1 < b.count && isDigit(b[end + 1])))
            if boundary, (13...19).contains(digits.count), (2...6).contains(digits[0]), luhn(digits) {
                out.append(Span(start: i, end: end, kind: .creditCard))
            }
            i = max(end, i + 1)
        }
    }

    /// The Luhn checksum: doubling every second digit from the right, the digit sum is a multiple of 10.
    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (index, d) in digits.reversed().enumerated() {
            var v = Int(d)
            if index % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return sum % 10 == 0
    }

    static func ibans(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        let n = b.count
        var chars: [UInt8] = []
        var i = 0
        while i + 15 <= n {
            let c0 = b[i], c1 = b[i + 1]
            guard c0 >= 0x41, c0 <= 0x5A, c1 >= 0x41, c1 <= 0x5A, isDigit(b[i + 2]), isDigit(b[i + 3]),
                  i == 0 || !isAlnum(b[i - 1]) else { i += 1; continue }
            chars.removeAll(keepingCapacity: true)
            var k = i
            var end = i
            while k < n, chars.count <= 34 {
                let c = b[k]
                if isDigit(c) || (c >= 0x41 && c <= 0x5A) {
                    chars.append(c); k += 1; end = k
                } else if c == 0x20, chars.count % 4 == 0, k + 1 < n, isAlnum(b[k + 1]) {
                    k += 1
                } else {
                    break
                }
            }
            if (15...34).contains(chars.count), end >= n || !isAlnum(b[end]), mod97(chars) == 1 {
                out.append(Span(start: i, end: end, kind: .iban))
                i = end
            } else {
                i += 1
            }
        }
    }

    /// ISO 13616: move the first four characters to the end, letters become 10–35, the number mod 97.
    static func mod97(_ chars: [UInt8]) -> Int {
        var remainder = 0
        for c in chars[4...] + chars[..<4] {
            if isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(c - 0x41 + 10)) % 97
            }
        }
        return remainder
    }

    static func phones(_ b: UnsafeBufferPointer<UInt8>, _ out: inout [Span]) {
        var digits: [UInt8] = []
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            let prevOK = i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x2E || b[i - 1] == 0x2D || b[i - 1] == 0x2B)
            if c == 0x2B, prevOK, i + 1 < n, isDigit(b[i + 1]) {
                // International: + then groups separated by one of " -." or a parenthesized group.
                digits.removeAll(keepingCapacity: true)
                var k = i + 1
                var end = k
                while k < n, digits.count <= 15 {
                    let d = b[k]
                    if isDigit(d) { digits.append(d); k += 1; end = k } else if (d == 0x20 || d == 0x2D || d == 0x2E), k + 1 < n, isDigit(b[k + 1]) || b[k + 1] == 0x28 {
                        k += 1
                    } else if d == 0x28 {
                        var m = k + 1
                        while m < n, isDigit(b[m]) { m += 1 }
                        if m < n, b[m] == 0x29, m > k + 1 {
                            for q in (k + 1)..<m { digits.append(b[q]) }
                            k = m + 1; end = k
                            if k < n, b[k] == 0x20 { if k + 1 < n, isDigit(b[k + 1]) { k += 1 } }
                        } else { break }
                    } else { break }
                }
                if (8...15).contains(digits.count), end >= n || !isAlnum(b[end]) {
                    out.append(Span(start: i, end: end, kind: .phone))
                    i = end
                    continue
                }
                i += 1
                continue
            }
            // North American: (ddd) ddd-dddd | ddd-ddd-dddd | ddd.ddd.dddd | ddd ddd dddd
            if prevOK, c == 0x28 || isDigit(c) {
                var k = i
                var ok = true
                func take(_ count: Int) -> Bool {
                    for _ in 0..<count { guard k < n, isDigit(b[k]) else { return false }; k += 1 }
                    return true
                }
                var separator: UInt8 = 0
                if c == 0x28 {
                    k += 1
                    ok = take(3) && k < n && b[k] == 0x29
                    if ok { k += 1; if k < n, b[k] == 0x20 { k += 1 } }
                } else {
                    ok = take(3) && k < n && (b[k] == 0x2D || b[k] == 0x2E || b[k] == 0x20)
                    if ok { separator = b[k]; k += 1 }
                }
                if ok { ok = take(3) && k < n && (b[k] == 0x2D || b[k] == 0x2E || b[k] == 0x20) && (separator == 0 || b[k] == separator) }
                if ok { k += 1; ok = take(4) }
                if ok, k >= n || !(isAlnum(b[k]) || b[k] == 0x2D || (b[k] == 0x2E && k + 1 < n && isDigit(b[k + 1]))) {
                    out.append(Span(start: i, end: k, kind: .phone))
                    i = k
                    continue
                }
            }
            i += 1
        }
    }
}
