/// A JSON value, as read by ``JSONParser`` and written by ``JSONWriter``.
///
/// Values keep everything the text said that JSON can distinguish: object member order, the
/// exact text of numbers, and the exact code points of strings.
///
/// Equality is exact and byte-level: two values are equal when ``JSONWriter`` (without
/// `sortKeys`) writes them as the same bytes. In particular strings and keys compare by their
/// UTF-8 bytes (so `"é"` and `"e\u{301}"` differ, unlike Swift's `String ==`), numbers by their
/// text (`1.0 != 1`), and objects by their ordered members (use ``canonicalized()`` on both sides
/// for an order-insensitive comparison).
///
/// Nesting depth: values built by the parser are at most `maxDepth` levels deep. Destroying,
/// comparing, hashing or writing a value recurses once per level, so do not build values that are
/// many thousands of levels deep by hand.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number with its exact source text.
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a.utf8Equals(b)
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .number(let number):
            hasher.combine(2 as UInt8)
            hasher.combine(number)
        case .string(let string):
            hasher.combine(3 as UInt8)
            string.hashUTF8(into: &hasher)
        case .array(let elements):
            hasher.combine(4 as UInt8)
            hasher.combine(elements)
        case .object(let object):
            hasher.combine(5 as UInt8)
            hasher.combine(object)
        }
    }
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an `Int64`, if this is an integer literal in range (see ``JSONNumber/int64Value``).
    public var int64Value: Int64? { numberValue?.int64Value }

    /// The number as the nearest `Double`, if this is a number in range (see ``JSONNumber/doubleValue``).
    public var doubleValue: Double? { numberValue?.doubleValue }

    /// `true` for JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` if this is an object that has one; `nil` otherwise (including for
    /// non-objects).
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}
