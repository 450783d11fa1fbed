internal import Glibc

/// Removes what the extraction never reads from a page's UTF-8 bytes before libxml2 parses it: the bodies
/// of `script` and `style` elements, and the attributes the tree builder does not look at
/// (``TreeBuilder/readsAttribute(named:count:)``: everything but class, id, role, style, hidden, itemprop…).
///
/// Script and style bodies are 44% of the bytes of the 1,539 pages of the extraction benchmark, and of the
/// rest almost half is attributes such as `href`, `src`, `data-*` and SVG paths; libxml2 reads all of it a
/// character at a time, and the tree builder drops it unread (bodies arrive as CDATA blocks). Cutting them
/// first leaves libxml2 the same elements and the same attributes the builder reads, so the extraction is
/// unchanged.
///
/// The scan follows libxml2 2.9's HTML tokenizer only as far as it must to know where a raw-text body is: it
/// walks the tags (names, attributes with quoted values), comments, doctype and processing instructions,
/// and a body ends at the first `</script` (or `</style`) in any case, as libxml2's recovery mode ends it.
/// Whenever the markup leaves the shapes whose tokenisation is certain (an unterminated tag, comment,
/// quoted value or body, `<!` that is neither comment nor doctype, `<` before a byte where libxml2 versions
/// differ, junk in an end tag, a self-closed `<script/>`), the scan stops and the rest of the page is kept
/// as it is: a page is never cut where libxml2 could read it differently, at worst it is cut less.
///
/// Not `Sendable`: one per ``HTMLExtractor``; the output buffer is reused from page to page.
final class RawTextElision {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 16

    init() {
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Calls `body` with `html` without its script and style bodies (or `html` itself when it has none).
    func withElided<Result>(
        _ html: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        guard let base = html.baseAddress?.assumingMemoryBound(to: UInt8.self), html.count > 0 else {
            return try body(html)
        }
        let cuts = Self.rawTextBodies(base, html.count)
        guard !cuts.isEmpty else { return try body(html) }
        if capacity < html.count {
            buffer.deallocate()
            capacity = max(html.count, capacity * 2)
            buffer = .allocate(capacity: capacity)
        }
        var written = 0
        var from = 0
        for cut in cuts {
            (buffer + written).update(from: base + from, count: cut.lowerBound - from)
            written += cut.lowerBound - from
            from = cut.upperBound
        }
        (buffer + written).update(from: base + from, count: html.count - from)
        written += html.count - from
        return try body(UnsafeRawBufferPointer(start: buffer, count: written))
    }

    /// The byte ranges of the script and style bodies of `bytes[0 ..< count]` that are safe to cut.
    static func rawTextBodies(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> [Range<Int>] {
        var scanner = Scanner(bytes: bytes, count: count)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var cuts: [Range<Int>] = []

        init(bytes: UnsafePointer<UInt8>, count: Int) {
            self.bytes = bytes
            self.count = count
        }

        /// Stops at the first uncertain construct (returns the cuts found before it).
        mutating func run() -> [Range<Int>] {
            var index = 0
            while let open = find(0x3c, from: index) {  // <
                guard let next = step(at: open) else { break }
                index = next
            }
            return cuts
        }

        /// Handles the markup at `open` (a `<`); returns where the scan goes on, or nil to stop.
        private mutating func step(at open: Int) -> Int? {
            let at = open + 1
            guard at < count else { return nil }
            let byte = bytes[at]
            switch byte {
            case 0x21:  // <!
                if matches("--", at: at + 1) { return comment(from: at + 3) }
                if matchesFolded("doctype", at: at + 1) { return doctype(from: at + 8) }
                return nil
            case 0x3f:  // <?name ... >  (a processing instruction ends at '>')
                guard at + 1 < count, Self.isLetter(bytes[at + 1]) else { return nil }
                return find(0x3e, from: at + 1).map { $0 + 1 }
            case 0x2f:  // </name>; anything else between the name and '>' is read differently by libxml2 versions
                guard at + 1 < count, Self.isLetter(bytes[at + 1]) else { return nil }
                var index = at + 1
                while index < count, Self.isNameByte(bytes[index]) { index += 1 }
                while index < count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < count, bytes[index] == 0x3e else { return nil }
                return index + 1
            default:
                if Self.isLetter(byte) { return startTag(nameAt: at) }
                // libxml2's recovery keeps '<' as text before a blank, '<', '=', '>' or a digit; before anything
                // else it drops a "bogus tag" up to the next '>'.
                if Self.isSpace(byte) || byte == 0x3c || byte == 0x3d || byte == 0x3e || (byte >= 0x30 && byte <= 0x39) {
                    return at
                }
                return nil
            }
        }

        /// A start tag whose name begins at `start`; cuts the body when it opens a script or style. The
        /// attribute rules are libxml2 2.9's (`htmlParseStartTag`): a name of ASCII letters, digits and `:-_.`,
        /// blanks, `=`, a value quoted with `"` or `'` (to the matching quote) or unquoted (to a blank or `>`);
        /// where no name can start, the bytes up to the next blank, `>` or `/>` are dropped as junk.
        private mutating func startTag(nameAt start: Int) -> Int? {
            var index = start
            while index < count, Self.isNameByte(bytes[index]) { index += 1 }
            let name = start ..< index
            // libxml2 cuts names at 100 bytes.
            guard name.count < 100 else { return nil }
            var selfClosed = false
            // Attributes the tree builder never reads are cut too (not on <meta>, whose attributes libxml2
            // itself may read); a name of 100 bytes or more stops the scan (libxml2 would split it).
            let cutsAttributes = !foldedEquals(name, "meta")
            attributes: while true {
                while index < count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < count else { return nil }
                let byte = bytes[index]
                if byte == 0x3e {  // >
                    index += 1
                    break attributes
                }
                if byte == 0x2f, index + 1 < count, bytes[index + 1] == 0x3e {  // />
                    selfClosed = true
                    index += 2
                    break attributes
                }
                guard Self.isNameStart(byte) else {
                    // Junk: dropped up to the next blank, '>' or "/>".
                    while index < count, !Self.isSpace(bytes[index]), bytes[index] != 0x3e,
                        !(bytes[index] == 0x2f && index + 1 < count && bytes[index + 1] == 0x3e)
                    {
                        index += 1
                    }
                    continue attributes
                }
                let attributeStart = index
                while index < count, Self.isNameByte(bytes[index]) { index += 1 }
                let attributeName = attributeStart ..< index
                guard attributeName.count < 100 else { return nil }
                let cut = cutsAttributes && !TreeBuilder.readsAttribute(named: bytes + attributeStart, count: attributeName.count)
                var look = index
                while look < count, Self.isSpace(bytes[look]) { look += 1 }
                guard look < count, bytes[look] == 0x3d else {  // no '=': a name without a value
                    if cut { cuts.append(attributeName) }
                    index = look
                    continue attributes
                }
                index = look + 1
                while index < count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < count else { return nil }
                let quote = bytes[index]
                if quote == 0x22 || quote == 0x27 {
                    guard let close = find(quote, from: index + 1) else { return nil }
                    index = close + 1
                } else {
                    while index < count, !Self.isSpace(bytes[index]), bytes[index] != 0x3e { index += 1 }
                }
                if cut { cuts.append(attributeStart ..< index) }
            }
            let element: StaticString
            if foldedEquals(name, "script") {
                element = "script"
            } else if foldedEquals(name, "style") {
                element = "style"
            } else {
                return index
            }
            guard !selfClosed else { return nil }
            // The body ends at the first "</script" (or "</style") in any case: libxml2's recovery rule.
            var search = index
            while let less = find(0x3c, from: search) {
                if less + 1 < count, bytes[less + 1] == 0x2f, matchesFolded(element, at: less + 2) {
                    if less > index { cuts.append(index ..< less) }
                    return less
                }
                search = less + 1
            }
            return nil  // unterminated: libxml2 reads to the end; leave it to libxml2
        }

        /// A comment whose text begins at `start` (after `<!--`); it ends at the first `-->` after two characters
        /// of text or more, as libxml2 2.9 reads it. `--!>` inside makes the scan stop (libxml2 versions differ).
        private func comment(from start: Int) -> Int? {
            // "<!-->" and "<!--->": read as empty comments by some libxml2 versions, not by others.
            guard start < count, bytes[start] != 0x3e, !matches("->", at: start) else { return nil }
            var search = start
            while let greater = find(0x3e, from: search) {
                if greater >= start + 2, bytes[greater - 1] == 0x2d, bytes[greater - 2] == 0x2d {
                    return greater + 1
                }
                if greater >= start + 3, bytes[greater - 1] == 0x21, bytes[greater - 2] == 0x2d, bytes[greater - 3] == 0x2d {
                    return nil
                }
                search = greater + 1
            }
            return nil
        }

        /// Skips to the `>` that ends a doctype; stops the scan when a quoted string holds a `>` (libxml2 honours
        /// quotes only in the public and system identifiers) or the doctype runs over 1 KiB.
        private func doctype(from start: Int) -> Int? {
            guard let plain = find(0x3e, from: start), plain - start < 1024,
                let quoted = skipQuoted(from: start), quoted == plain + 1
            else { return nil }
            return quoted
        }

        /// Skips to the `>` that ends a doctype, over quoted strings.
        private func skipQuoted(from start: Int) -> Int? {
            var index = start
            while index < count {
                let byte = bytes[index]
                if byte == 0x3e { return index + 1 }
                if byte == 0x3c { return nil }
                if byte == 0x22 || byte == 0x27 {
                    guard let close = find(byte, from: index + 1) else { return nil }
                    index = close + 1
                } else {
                    index += 1
                }
            }
            return nil
        }

        private func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < count else { return nil }
            guard let found = memchr(bytes + start, Int32(byte), count - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(bytes)
        }

        private func matches(_ text: StaticString, at start: Int) -> Bool {
            let length = text.utf8CodeUnitCount
            guard start + length <= count else { return false }
            for offset in 0..<length where bytes[start + offset] != text.utf8Start[offset] { return false }
            return true
        }

        /// ASCII case-insensitive match of a lower-case `text` at `start`.
        private func matchesFolded(_ text: StaticString, at start: Int) -> Bool {
            let length = text.utf8CodeUnitCount
            guard start + length <= count else { return false }
            for offset in 0..<length where Self.lower(bytes[start + offset]) != text.utf8Start[offset] { return false }
            return true
        }

        private func foldedEquals(_ range: Range<Int>, _ text: StaticString) -> Bool {
            range.count == text.utf8CodeUnitCount && matchesFolded(text, at: range.lowerBound)
        }

        static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte }
        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a }
        /// libxml2's blanks (`IS_BLANK_CH`: no form feed).
        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x09 || byte == 0x0d }
        /// The first byte of a name for libxml2's `htmlParseHTMLName`: an ASCII letter, `_`, `:` or `.`.
        static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5f || byte == 0x3a || byte == 0x2e }
        /// Later bytes of a tag or attribute name (`htmlParseHTMLName`: ASCII letters, digits, `:-_.`).
        static func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5f || byte == 0x3a || byte == 0x2e || byte == 0x2d
        }
    }
}
