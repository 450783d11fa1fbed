/// The parsing engine behind ``JSONParser``: a non-recursive recursive-descent parser over a
/// byte buffer that stays valid for the parser's lifetime.
///
/// Containers being read live on an explicit stack of ``Frame``s; each frame owns the array or
/// member list it is filling, which is moved (not copied) into the finished value when the
/// container closes.
struct JSONByteParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    /// The next byte to read.
    var position = 0
    /// Decoded bytes of the current string when it contains escapes; reused across strings.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.end = count
        self.maxDepth = maxDepth
    }

    /// An array or object whose elements are still being read.
    struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        var entries: [JSONObject.Entry] = []
        /// The key of the member whose value is being read.
        var pendingKey = ""
        /// Keys seen so far, once the object is too large for a linear duplicate scan.
        var keyIndex: Set<UTF8Key>? = nil

        init(isObject: Bool) {
            self.isObject = isObject
        }
    }

    /// Members of an object are checked for duplicates by a linear scan up to this count, and with
    /// a hash set beyond it.
    static let linearDuplicateScanLimit = 12

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < end else {
            throw JSONParseError(kind: .empty, offset: end, reason: "input holds only whitespace: expected a JSON value")
        }
        var frames: [Frame] = []
        var value: JSONValue

        readValue: while true {
            // Read one value starting at `position`, or open a non-empty container.
            guard position < end else {
                throw syntaxError(at: end, "unexpected end of input: expected a JSON value")
            }
            switch base[position] {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "{"):
                try checkDepth(frames.count)
                position += 1
                skipWhitespace()
                if position < end && base[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    var frame = Frame(isObject: true)
                    try parseMemberKey(into: &frame, afterComma: false)
                    frames.append(frame)
                    skipWhitespace()
                    continue readValue
                }
            case UInt8(ascii: "["):
                try checkDepth(frames.count)
                position += 1
                skipWhitespace()
                if position < end && base[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    frames.append(Frame(isObject: false))
                    continue readValue
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case let byte:
                throw syntaxError(at: position, "unexpected character \(ByteFormatting.describe(byte)): expected a JSON value")
            }

            // Hand the finished value to its container, closing containers that end here.
            while let top = frames.indices.last {
                skipWhitespace()
                if frames[top].isObject {
                    let key = frames[top].pendingKey
                    frames[top].entries.append(JSONObject.Entry(key: key, value: value))
                    guard position < end else {
                        throw syntaxError(at: end, "unexpected end of input: expected ',' or '}' after object member")
                    }
                    switch base[position] {
                    case UInt8(ascii: ","):
                        position += 1
                        skipWhitespace()
                        try parseMemberKey(into: &frames[top], afterComma: true)
                        skipWhitespace()
                        continue readValue
                    case UInt8(ascii: "}"):
                        position += 1
                        value = .object(JSONObject(uniqueEntries: frames.removeLast().entries))
                    case let byte:
                        throw syntaxError(at: position, "expected ',' or '}' after object member, found \(ByteFormatting.describe(byte))")
                    }
                } else {
                    frames[top].elements.append(value)
                    guard position < end else {
                        throw syntaxError(at: end, "unexpected end of input: expected ',' or ']' after array element")
                    }
                    switch base[position] {
                    case UInt8(ascii: ","):
                        position += 1
                        skipWhitespace()
                        if position < end && base[position] == UInt8(ascii: "]") {
                            throw syntaxError(at: position, "trailing comma in array: expected a value before ']'")
                        }
                        continue readValue
                    case UInt8(ascii: "]"):
                        position += 1
                        value = .array(frames.removeLast().elements)
                    case let byte:
                        throw syntaxError(at: position, "expected ',' or ']' after array element, found \(ByteFormatting.describe(byte))")
                    }
                }
            }
            break readValue
        }

        skipWhitespace()
        guard position == end else {
            throw syntaxError(at: position, "unexpected data after JSON value")
        }
        return value
    }

    /// Reads `"key" :` into `frame.pendingKey`, rejecting a key the object already has.
    private mutating func parseMemberKey(into frame: inout Frame, afterComma: Bool) throws(JSONParseError) {
        guard position < end else {
            throw syntaxError(at: end, "unexpected end of input: expected a string key")
        }
        guard base[position] == UInt8(ascii: "\"") else {
            let byte = base[position]
            if afterComma && byte == UInt8(ascii: "}") {
                throw syntaxError(at: position, "trailing comma in object: expected a string key before '}'")
            }
            let expected = afterComma ? "expected a string key" : "expected a string key or '}'"
            throw syntaxError(at: position, "\(expected), found \(ByteFormatting.describe(byte))")
        }
        let keyOffset = position
        let key = try parseString()
        try checkDuplicate(key, at: keyOffset, in: &frame)
        skipWhitespace()
        guard position < end else {
            throw syntaxError(at: end, "unexpected end of input: expected ':' after object key")
        }
        guard base[position] == UInt8(ascii: ":") else {
            throw syntaxError(at: position, "expected ':' after object key, found \(ByteFormatting.describe(base[position]))")
        }
        position += 1
        skipWhitespace()
        frame.pendingKey = key
    }

    private func checkDuplicate(_ key: String, at offset: Int, in frame: inout Frame) throws(JSONParseError) {
        let isDuplicate: Bool
        if frame.keyIndex != nil {
            isDuplicate = !frame.keyIndex!.insert(UTF8Key(string: key)).inserted
        } else if frame.entries.count < Self.linearDuplicateScanLimit {
            isDuplicate = frame.entries.contains { $0.key.utf8Equals(key) }
        } else {
            var index = Set(frame.entries.map { UTF8Key(string: $0.key) })
            isDuplicate = !index.insert(UTF8Key(string: key)).inserted
            frame.keyIndex = index
        }
        if isDuplicate {
            throw JSONParseError(kind: .duplicateKey, offset: offset, reason: "duplicate object key \(Self.quoted(key))")
        }
    }

    private func checkDepth(_ openContainers: Int) throws(JSONParseError) {
        guard openContainers < maxDepth else {
            throw JSONParseError(
                kind: .tooDeep, offset: position,
                reason: "arrays and objects nested more than \(max(maxDepth, 0)) levels deep"
            )
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func syntaxError(at offset: Int, _ reason: String) -> JSONParseError {
        JSONParseError(kind: .syntax, offset: offset, reason: reason)
    }

    /// `"key"` for messages, shortened to 40 characters.
    static func quoted(_ key: String) -> String {
        let shown = key.count > 40 ? String(key.prefix(40)) + "…" : key
        return "\"" + shown + "\""
    }
}
