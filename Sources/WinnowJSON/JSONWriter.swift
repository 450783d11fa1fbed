/// A deterministic JSON serializer appending UTF-8 bytes to a reusable buffer.
///
/// Output is compact (no whitespace) and fully determined by the value:
/// - strings are quoted; `"` and `\` are escaped, control characters below U+0020 become `\b`,
///   `\f`, `\n`, `\r`, `\t` or `\u00XX` (lower-case hex); every other character, including `/`,
///   DEL and all non-ASCII text, is written as raw UTF-8;
/// - numbers are written as their exact ``JSONNumber/text``;
/// - object members keep their order, or with ``sortKeys`` are sorted by the UTF-8 bytes of their
///   keys at every level (the canonical form, the same bytes as writing
///   ``JSONValue/canonicalized()``).
///
/// For JSONL, reuse one writer: write a record, append `\n`, flush ``bytes``, then
/// `bytes.removeAll(keepingCapacity: true)`.
///
/// Writing recurses once per nesting level (see ``JSONValue`` on depth).
public struct JSONWriter: Sendable {
    /// The output so far.
    public var bytes: [UInt8]
    /// When `true`, object members are written sorted by the UTF-8 bytes of their keys.
    public var sortKeys: Bool

    public init(sortKeys: Bool = false, reservingCapacity: Int = 0) {
        self.bytes = []
        self.sortKeys = sortKeys
        if reservingCapacity > 0 {
            bytes.reserveCapacity(reservingCapacity)
        }
    }

    /// Appends `value`.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            writeRaw("null")
        case .bool(let flag):
            writeRaw(flag ? "true" : "false")
        case .number(let number):
            writeNumber(number)
        case .string(let string):
            writeString(string)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(object)
        }
    }

    private mutating func writeObject(_ object: JSONObject) {
        bytes.append(UInt8(ascii: "{"))
        let entries = object.entries
        if sortKeys && !Self.isSortedByKey(entries) {
            let order = entries.indices.sorted { entries[$0].key.utf8Precedes(entries[$1].key) }
            for (position, index) in order.enumerated() {
                writeMember(entries[index], first: position == 0)
            }
        } else {
            for index in entries.indices {
                writeMember(entries[index], first: index == 0)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func writeMember(_ entry: JSONObject.Entry, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        writeString(entry.key)
        bytes.append(UInt8(ascii: ":"))
        write(entry.value)
    }

    private static func isSortedByKey(_ entries: [JSONObject.Entry]) -> Bool {
        var index = 1
        while index < entries.count {
            guard entries[index - 1].key.utf8Precedes(entries[index].key) else { return false }
            index += 1
        }
        return true
    }

    /// Appends `string` quoted and escaped.
    public mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            appendEscaped(utf8)
        }
        if written == nil {
            var contiguous = string
            contiguous.makeContiguousUTF8()
            contiguous.withUTF8 { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let end = utf8.count
        var runStart = 0
        while true {
            let special = JSONStringScan.firstSpecialByte(base, from: runStart, end: end)
            if special > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: special - runStart))
            }
            guard special < end else { return }
            appendEscape(for: base[special])
            runStart = special + 1
        }
    }

    private mutating func appendEscape(for byte: UInt8) {
        let letter: UInt8
        switch byte {
        case 0x22: letter = UInt8(ascii: "\"")
        case 0x5C: letter = UInt8(ascii: "\\")
        case 0x08: letter = UInt8(ascii: "b")
        case 0x0C: letter = UInt8(ascii: "f")
        case 0x0A: letter = UInt8(ascii: "n")
        case 0x0D: letter = UInt8(ascii: "r")
        case 0x09: letter = UInt8(ascii: "t")
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            let digits = hexDigits.utf8Start
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
            return
        }
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    /// Appends ASCII text as is, for punctuation such as `{`, `,` or `:` when writing JSON by hand.
    public mutating func writeRaw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes as is. The caller is responsible for the result being valid JSON.
    public mutating func writeRaw(bytes raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends the number's exact text.
    public mutating func writeNumber(_ number: JSONNumber) {
        bytes.append(contentsOf: number.text.utf8)
    }

    /// Appends `value` in decimal, without creating a `String`.
    public mutating func writeInt(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }
}
