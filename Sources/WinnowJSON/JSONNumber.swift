/// A JSON number, kept as the exact text it was written with.
///
/// The text is never reformatted: `1.50e3` parses, compares and serializes as `1.50e3`, so
/// re-serializing a record changes none of its numbers. Two numbers are equal when their texts
/// are equal (`1.0` and `1` differ); compare ``doubleValue`` or ``int64Value`` for numeric
/// equality.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text, which always follows the JSON number grammar (RFC 8259 §6):
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    public let text: String

    /// A number with the given text, or `nil` if the text does not follow the JSON number
    /// grammar (no leading `+`, no leading zeros, no `.5` or `1.`, no hex, no `NaN`/`Infinity`,
    /// no surrounding whitespace).
    public init?(text: String) {
        var text = text
        let valid = text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            switch JSONNumberGrammar.scan(base, from: 0, end: bytes.count) {
            case .number(let end): return end == bytes.count
            case .error: return false
            }
        }
        guard valid else { return nil }
        self.text = text
    }

    /// A number whose text the caller has already checked against the grammar.
    init(uncheckedText text: String) {
        self.text = text
    }

    /// The decimal text of `value`.
    public init(_ value: Int64) {
        self.text = String(value)
    }

    /// The decimal text of `value`.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// The shortest text that reads back as exactly `value` (Swift's `"\(value)"`, for example
    /// `0.1`, `1e-05`, `1e+16`, `-0.0`).
    ///
    /// - Precondition: `value.isFinite`. JSON has no NaN or infinities; callers holding a
    ///   computed `Double` must check `isFinite` first (or emit `null`).
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON numbers must be finite, got \(value)")
        self.text = "\(value)"
        assert(JSONNumber(text: text) != nil, "Swift rendered \(value) outside the JSON number grammar")
    }

    /// The value as an `Int64` when the text is an integer literal (no fraction or exponent
    /// part) within `Int64`'s range; `nil` otherwise, so no value is ever rounded or truncated
    /// (`1.0`, `1e3` and `9223372036854775808` give `nil`). `-0` gives `0`.
    public var int64Value: Int64? { Int64(text) }

    /// The nearest `Double` (correctly rounded), or `nil` when the magnitude is beyond
    /// `Double.greatestFiniteMagnitude` (for example `1e400`). Tiny values round to zero.
    public var doubleValue: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The number's text.
    public var description: String { text }
}
