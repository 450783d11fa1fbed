/// The HTML elements the extractor tells apart, and what each means for the text.
///
/// Element names arrive from libxml2 lower-cased as NUL-terminated UTF-8; ``HTMLTag/lookup(_:)`` maps them
/// through a small open-addressing table keyed by the name's bytes packed into a `UInt64`, so the hot path
/// does no allocation and no string hashing.
enum HTMLTag: UInt8, CaseIterable {
    case other  // an unknown or custom element (treated as a generic block container)
    case text  // a text node in ``DocumentTree`` (never an element name)
    // Document structure.
    case html, head, body, title, meta
    // Dropped with their content: never main text.
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio, select
    case textarea, button, input, option, optgroup, datalist, map, frameset, frame, applet, link, base
    case picture, source, img, dialog
    // Page furniture: dropped with their content.
    case nav, aside, footer, menu, header
    // Blocks.
    case address, article, blockquote, center, dd, details, dir, div, dl, dt, fieldset, figcaption, figure
    case h1, h2, h3, h4, h5, h6, hgroup, hr, li, main, ol, p, pre, section, summary, table, tbody, td, tfoot
    case th, thead, tr, ul, caption, legend, br, form
    // Inline.
    case a, abbr, b, bdi, bdo, cite, code, data, dfn, em, font, i, kbd, label, mark, q, s, samp, small, span
    case strike, strong, sub, sup, time, tt, u, `var`, wbr, del, ins, nobr

    /// How the extractor treats an element.
    enum Kind: UInt8 {
        /// Removed with everything inside: raw text (scripts, styles) and the head.
        case skip
        /// Kept in the tree but hidden (media, form controls, embedded frames): libxml2 does not always
        /// close these where a browser would (`</button>` cannot close an open `<div>`), so dropping their
        /// content outright could drop the rest of the page; hidden nodes that wrap most of the page are
        /// shown again (see ``ContentScorer``).
        case hidden
        /// Page furniture: excluded with everything inside, unless it wraps most of the page.
        case furniture
        /// Starts and ends a line of text.
        case block
        /// Part of the surrounding line.
        case inline
    }

    var kind: Kind {
        switch self {
        case .script, .style, .head, .title, .meta, .link, .base:
            return .skip
        case .template, .svg, .math, .iframe, .object, .embed, .canvas, .video, .audio, .select, .textarea,
             .button, .input, .option, .optgroup, .datalist, .map, .frameset, .frame, .applet, .picture,
             .source, .img, .dialog:
            return .hidden
        case .nav, .aside, .footer, .menu, .header:
            return .furniture
        case .a, .abbr, .b, .bdi, .bdo, .cite, .code, .data, .dfn, .em, .font, .i, .kbd, .label, .mark, .q,
             .s, .samp, .small, .span, .strike, .strong, .sub, .sup, .time, .tt, .u, .var, .wbr, .del, .ins,
             .nobr, .text:
            return .inline
        default:
            return .block
        }
    }

    var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }

    /// Elements whose text counts as one paragraph in content scoring (Readability's `p`, `pre`, `td`, plus
    /// list items, headings and quotes).
    var isParagraphLike: Bool {
        switch self {
        case .p, .pre, .td, .blockquote, .li, .dd, .dt, .th, .figcaption, .address, .summary: return true
        default: return isHeading
        }
    }

    /// Void elements never get an end event worth waiting for.
    var isVoid: Bool {
        switch self {
        case .br, .hr, .img, .input, .meta, .link, .base, .wbr, .source, .embed: return true
        default: return false
        }
    }

    /// The element's name as it appears in HTML.
    var name: String {
        switch self {
        case .other: return "#other"
        case .text: return "#text"
        case .var: return "var"
        default: return String(describing: self)
        }
    }

    // MARK: Lookup

    private static let tableBits = 9
    private static let slotTable: [UInt8] = {
        var slots = [UInt8](repeating: 0, count: 1 << tableBits)
        var keys = [UInt64](repeating: 0, count: 1 << tableBits)
        for tag in HTMLTag.allCases where tag != .other && tag != .text {
            let bytes = Array(tag.name.utf8)
            guard bytes.count <= 8 else { continue }
            let key = pack(bytes)
            var slot = slotIndex(key)
            while slots[slot] != 0 {
                precondition(keys[slot] != key, "duplicate tag name \(tag.name)")
                slot = (slot + 1) & ((1 << tableBits) - 1)
            }
            slots[slot] = tag.rawValue
            keys[slot] = key
        }
        return slots
    }()

    private static let keys: [UInt64] = {
        slotTable.map { raw in raw == 0 ? 0 : pack(Array(HTMLTag(rawValue: raw)!.name.utf8)) }
    }()

    @inline(__always)
    private static func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - tableBits))
    }

    private static func pack(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (index, byte) in bytes.enumerated() { key |= UInt64(byte) << UInt64(8 * index) }
        return key
    }

    /// The tag for a NUL-terminated element name (lower-case ASCII as libxml2 reports it).
    static func lookup(_ name: UnsafePointer<UInt8>) -> HTMLTag {
        var key: UInt64 = 0
        var length = 0
        while length < 8 {
            let byte = name[length]
            if byte == 0 { break }
            key |= UInt64(byte) << UInt64(8 * length)
            length += 1
        }
        if length == 8, name[8] != 0 { return longName(name) }
        if length == 0 { return .other }
        return slotTable.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                var slot = slotIndex(key)
                while slots[slot] != 0 {
                    if keys[slot] == key { return HTMLTag(rawValue: slots[slot]) ?? .other }
                    slot = (slot + 1) & ((1 << tableBits) - 1)
                }
                return .other
            }
        }
    }

    /// Names longer than 8 bytes: only two matter.
    private static func longName(_ name: UnsafePointer<UInt8>) -> HTMLTag {
        func equals(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            let bytes = literal.utf8Start
            for index in 0..<count where name[index] != bytes[index] { return false }
            return name[count] == 0
        }
        if equals("blockquote") { return .blockquote }
        if equals("figcaption") { return .figcaption }
        return .other
    }
}
