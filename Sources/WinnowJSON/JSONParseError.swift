/// The error thrown by ``JSONParser`` when its input is not one well-formed JSON value.
///
/// Every error names the byte offset, within the buffer that was parsed, of the byte where the
/// problem was detected, so a caller reading JSONL can report `file:line:byte`:
///
/// ```
/// byte 14: expected ',' or '}' after object member
/// ```
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What class of problem the input has.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The bytes outside strings do not follow the JSON grammar (RFC 8259), or a string is
        /// malformed (unterminated, raw control character, bad escape).
        case syntax
        /// A string contains bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// Arrays and objects are nested more deeply than the parser's `maxDepth`.
        case tooDeep
        /// An object has the same key twice (keys compared byte for byte).
        case duplicateKey
        /// The input is empty or holds only JSON whitespace.
        case empty
    }

    /// What class of problem the input has.
    public var kind: Kind
    /// Byte offset, from the start of the parsed buffer, of the byte where the problem was found.
    /// Equals the buffer's length when the input ended too early.
    public var offset: Int
    /// A human-readable explanation, such as `expected ':' after object key`.
    public var reason: String

    public init(kind: Kind, offset: Int, reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    /// `byte <offset>: <reason>`.
    public var description: String { "byte \(offset): \(reason)" }
}
