/// A strict RFC 8259 JSON parser working directly on bytes.
///
/// The parser accepts exactly one JSON value, optionally surrounded by JSON whitespace (space,
/// tab, line feed, carriage return), and rejects everything RFC 8259 does not allow: comments,
/// trailing commas, `NaN`/`Infinity`, leading zeros and `+` signs, single quotes, raw control
/// characters in strings, ill-formed UTF-8 in strings, and duplicate object keys. Every error is a
/// ``JSONParseError`` naming the byte offset of the problem.
///
/// ### Strings
/// Escapes are decoded; `\uD83D\uDE00`-style surrogate pairs combine into one scalar. A lone
/// surrogate escape (a high surrogate not followed by a `\u` low surrogate, or a low surrogate on
/// its own) cannot be represented in a Swift `String` and is replaced by U+FFFD REPLACEMENT
/// CHARACTER; the rest of the string is kept.
///
/// ### Depth
/// The parser does not recurse: arrays and objects being read are kept on an explicit stack, so
/// even a million unclosed brackets produce a ``JSONParseError/Kind/tooDeep`` error rather than a
/// stack overflow. Keep `maxDepth` modest anyway: see ``JSONValue`` on deeply nested values.
///
/// ### Speed
/// String contents are skipped eight bytes at a time; a string without escapes is created once
/// from its validated bytes. Parsing allocates nothing per character.
public struct JSONParser: Sendable {
    /// The nesting depth allowed by default: 512 levels of arrays and objects.
    public static let defaultMaxDepth = 512

    /// Parses one JSON value from `bytes`.
    ///
    /// - Parameter maxDepth: the deepest nesting of arrays and objects accepted; `[[]]` has
    ///   depth 2, scalars depth 0. Deeper input throws ``JSONParseError/Kind/tooDeep``.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        guard !bytes.isEmpty else {
            throw JSONParseError(kind: .empty, offset: 0, reason: "empty input: expected a JSON value")
        }
        let result = bytes.withMemoryRebound(to: UInt8.self) { typed in
            Result { () throws(JSONParseError) -> JSONValue in
                // A non-empty buffer always has a base address.
                var parser = JSONByteParser(base: typed.baseAddress!, count: typed.count, maxDepth: maxDepth)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses one JSON value from `bytes`. See ``parse(_:maxDepth:)-(UnsafeRawBufferPointer,_)``.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(buffer, maxDepth: maxDepth)
            }
        }
        return try result.get()
    }

    /// Parses one JSON value from the UTF-8 bytes of `text`; error offsets count those bytes.
    public static func parse(
        _ text: String, maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth)
            }
        }
        return try result.get()
    }
}
