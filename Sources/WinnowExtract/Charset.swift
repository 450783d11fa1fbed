/// Works out which charset a page's bytes are in, in the order a browser does (WHATWG's "encoding
/// sniffing"), with one correction for the most common lie on the web.
///
/// 1. A byte order mark (UTF-8, UTF-16LE/BE) wins.
/// 2. The charset from the HTTP `Content-Type` header, when given and known.
/// 3. A `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` (or an XML
///    declaration's `encoding`) in the first ``prescanBytes`` bytes.
/// 4. Otherwise detection: valid UTF-8 is UTF-8; else a frequency check picks windows-1251 (Cyrillic),
///    Shift_JIS, EUC-JP, GBK or EUC-KR where their byte patterns dominate, and windows-1252 for other
///    8-bit text.
///
/// The correction: a declared single-byte Western charset (ISO-8859-1, windows-1252, ASCII: servers'
/// default) on bytes that are valid UTF-8 containing multi-byte sequences means UTF-8. The bytes would be
/// mojibake under the declared charset, and the reverse mistake cannot produce valid UTF-8 by chance.
///
/// Labels are normalized to names glibc's iconv knows (WHATWG aliases: `latin1` and `iso-8859-1` decode as
/// windows-1252, `shift_jis` as CP932, `gb2312` as GBK, `euc-kr` as CP949).
enum Charset {
    static let prescanBytes = 4096

    /// Where the charset came from (recorded in the document's metadata as `charset_source`).
    enum Source: String, Sendable {
        case byteOrderMark = "bom"
        case header
        case meta
        case detected
    }

    /// The charset of `bytes`, normalized (`UTF-8`, `WINDOWS-1252`, `CP932`, ...), and where it came from.
    static func determine(_ bytes: UnsafeRawBufferPointer, hint: String?) -> (name: String, source: Source, bomLength: Int) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return ("UTF-8", .byteOrderMark, 3) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return ("UTF-16LE", .byteOrderMark, 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return ("UTF-16BE", .byteOrderMark, 2) }
        if let hint, let name = normalize(hint) { return (corrected(name, bytes), .header, 0) }
        if let declared = prescanMeta(bytes), let name = normalize(declared) { return (corrected(name, bytes), .meta, 0) }
        return (detect(bytes), .detected, 0)
    }

    /// Maps a charset label to an iconv name; nil when the label is not a charset we know.
    static func normalize(_ label: String) -> String? {
        var cleaned = ""
        for scalar in label.unicodeScalars {
            if scalar == "\"" || scalar == "'" || scalar == " " || scalar == "\t" { continue }
            guard scalar.isASCII else { return nil }
            cleaned.unicodeScalars.append(scalar)
        }
        cleaned = cleaned.lowercased()
        guard !cleaned.isEmpty, cleaned.count <= 40 else { return nil }
        switch cleaned {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8": return "UTF-8"
        // An HTML page cannot really be UTF-16 without a BOM; browsers treat the label as UTF-8.
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "us-ascii", "ascii", "ansi_x3.4-1968",
             "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            return "WINDOWS-1252"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932":
            return "CP932"
        case "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese": return "EUC-JP"
        case "iso-2022-jp", "csiso2022jp": return "ISO-2022-JP"
        case "gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "chinese", "csgb2312", "euc-cn": return "GBK"
        case "gb18030": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5": return "BIG5-HKSCS"
        case "euc-kr", "euckr", "ks_c_5601-1987", "ksc5601", "windows-949", "cp949", "korean": return "CP949"
        case "koi8-r", "koi8r", "koi": return "KOI8-R"
        case "koi8-u", "koi8-ru": return "KOI8-U"
        case "iso-8859-9", "latin5", "windows-1254", "cp1254": return "WINDOWS-1254"
        case "tis-620", "iso-8859-11", "windows-874", "cp874": return "WINDOWS-874"
        default: break
        }
        if cleaned.hasPrefix("windows-125"), cleaned.count == 12 { return cleaned.uppercased() }
        if cleaned.hasPrefix("cp125"), cleaned.count == 6 { return "WINDOWS-" + cleaned.dropFirst(2) }
        if cleaned.hasPrefix("iso-8859-") || cleaned.hasPrefix("iso8859-") {
            let number = cleaned.split(separator: "-").last.map(String.init) ?? ""
            if let value = Int(number), (2...16).contains(value) { return "ISO-8859-\(value)" }
        }
        return Transcoder.isKnown(cleaned) ? cleaned.uppercased() : nil
    }

    private static func corrected(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
        guard name == "WINDOWS-1252" else { return name }
        let scan = UTF8Scan(bytes)
        return scan.valid && scan.multiByte > 0 ? "UTF-8" : name
    }

    // MARK: Meta prescan

    /// The charset a `<meta>` tag or XML declaration declares in the first ``prescanBytes`` bytes.
    static func prescanMeta(_ bytes: UnsafeRawBufferPointer) -> String? {
        let limit = min(bytes.count, prescanBytes)
        var index = 0
        while index + 5 < limit {
            guard bytes[index] == 0x3C else {  // <
                index += 1
                continue
            }
            if lowerMatch(bytes, index + 1, "meta"), index + 5 < limit, isSpaceOrSlash(bytes[index + 5]) {
                var end = index + 5
                while end < limit, bytes[end] != 0x3E { end += 1 }
                if let charset = charsetInMeta(bytes, from: index + 5, to: end) { return charset }
                index = end
                continue
            }
            if lowerMatch(bytes, index + 1, "?xml") {
                var end = index + 5
                while end < limit, bytes[end] != 0x3E { end += 1 }
                if let value = value(after: "encoding", in: bytes, from: index + 5, to: end) { return value }
            }
            index += 1
        }
        return nil
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x2F
    }

    private static func lowerMatch(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[at + offset] | 0x20 != word.utf8Start[offset] | 0x20 { return false }
        return true
    }

    private static func charsetInMeta(_ bytes: UnsafeRawBufferPointer, from: Int, to end: Int) -> String? {
        // `charset=` anywhere in the tag covers both `<meta charset=x>` and `content="text/html; charset=x"`.
        value(after: "charset", in: bytes, from: from, to: end)
    }

    /// The value after `name` `=` (quoted or not) within `from..<end`.
    private static func value(after name: StaticString, in bytes: UnsafeRawBufferPointer, from: Int, to end: Int) -> String? {
        var index = from
        let count = name.utf8CodeUnitCount
        while index + count < end {
            if lowerMatch(bytes, index, name) {
                var cursor = index + count
                while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
                guard cursor < end, bytes[cursor] == 0x3D else {  // =
                    index += 1
                    continue
                }
                cursor += 1
                while cursor < end, bytes[cursor] == 0x20 || bytes[cursor] == 0x22 || bytes[cursor] == 0x27 { cursor += 1 }
                var valueEnd = cursor
                while valueEnd < end, valueEnd - cursor < 40 {
                    let byte = bytes[valueEnd]
                    if byte == 0x22 || byte == 0x27 || byte == 0x3B || byte == 0x20 || byte == 0x2F && valueEnd + 1 < end
                        && bytes[valueEnd + 1] == 0x3E || byte == 0x3E
                    {
                        break
                    }
                    valueEnd += 1
                }
                guard valueEnd > cursor else { return nil }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[cursor..<valueEnd]), as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    // MARK: Detection

    /// Guesses the charset of undeclared bytes. See the type's documentation.
    static func detect(_ bytes: UnsafeRawBufferPointer) -> String {
        let scan = UTF8Scan(bytes)
        if scan.valid { return "UTF-8" }
        // Mostly valid UTF-8 with a few broken sequences (a truncated or spliced page) stays UTF-8.
        if scan.multiByte >= 8 && scan.invalid * 20 < scan.multiByte { return "UTF-8" }
        return LegacyCharsetGuess.guess(bytes)
    }
}

/// One pass over bytes counting valid multi-byte UTF-8 sequences and invalid bytes.
struct UTF8Scan {
    var valid = true
    var multiByte = 0
    var invalid = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes at a time.
            if index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = UTF8Scan.sequenceLength(bytes, index)
            if length == 0 {
                valid = false
                invalid += 1
                index += 1
            } else {
                multiByte += 1
                index += length
            }
        }
    }

    /// The length of the valid UTF-8 sequence starting at `index` (2–4), or 0 when it is not valid.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int {
        let count = bytes.count
        let lead = bytes[index]
        @inline(__always) func continuation(_ offset: Int) -> Bool {
            index + offset < count && bytes[index + offset] & 0xC0 == 0x80
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second > 0x9F { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}
