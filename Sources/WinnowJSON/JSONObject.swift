/// A JSON object: members in their original order, with unique keys.
///
/// Keys are compared by their UTF-8 bytes (see ``JSONValue``), so `"é"` and `"e\u{301}"` are
/// two different keys, as they are in JSON text. Lookups scan the members in order, which is the
/// fastest choice for the small objects of JSONL records; objects with thousands of members
/// should be converted to a dictionary before many random lookups.
///
/// Iterating an object yields its ``Entry`` values in order. Equality is order-sensitive; compare
/// ``sortedByKey()`` results (or ``JSONValue/canonicalized()``) to ignore order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member of an object.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key.utf8Equals(rhs.key) && lhs.value == rhs.value
        }

        public func hash(into hasher: inout Hasher) {
            key.hashUTF8(into: &hasher)
            hasher.combine(value)
        }
    }

    /// The members, in order.
    public private(set) var entries: [Entry]

    /// Above this many members, building an object from pairs indexes keys with a hash set.
    static let linearScanLimit = 16

    /// An empty object.
    public init() {
        entries = []
    }

    /// An object with the given members in order. A repeated key keeps the position of its first
    /// occurrence and takes the value of its last.
    public init(_ entries: [(String, JSONValue)]) {
        self.entries = []
        self.entries.reserveCapacity(entries.count)
        if entries.count <= Self.linearScanLimit {
            for (key, value) in entries {
                self[key] = value
            }
            return
        }
        var positions: [UTF8Key: Int] = [:]
        positions.reserveCapacity(entries.count)
        for (key, value) in entries {
            if let position = positions[UTF8Key(string: key)] {
                self.entries[position].value = value
            } else {
                positions[UTF8Key(string: key)] = self.entries.count
                self.entries.append(Entry(key: key, value: value))
            }
        }
    }

    /// An object whose members the caller guarantees to have unique keys.
    init(uniqueEntries: [Entry]) {
        entries = uniqueEntries
    }

    /// An object with the literal's members in the literal's order (see ``init(_:)``).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The number of members.
    public var count: Int { entries.count }

    /// `true` when the object has no members.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    /// The position of the member named `key`, if any.
    public func index(forKey key: String) -> Int? {
        entries.firstIndex { $0.key.utf8Equals(key) }
    }

    /// The value of the member named `key`.
    ///
    /// Setting a value replaces an existing member in place or appends a new member at the end;
    /// setting `nil` removes the member. To store JSON null, assign `.null`.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = index(forKey: key) else { return nil }
            return entries[index].value
        }
        set {
            if let index = index(forKey: key) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// Removes the member named `key`, keeping the order of the others, and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = index(forKey: key) else { return nil }
        return entries.remove(at: index).value
    }

    /// This object with its members sorted by the UTF-8 bytes of their keys (code-point order).
    /// Only this level is sorted; see ``JSONValue/canonicalized()`` for all levels.
    public func sortedByKey() -> JSONObject {
        JSONObject(uniqueEntries: entries.sorted { $0.key.utf8Precedes($1.key) })
    }

    public func makeIterator() -> IndexingIterator<[Entry]> {
        entries.makeIterator()
    }

    public var underestimatedCount: Int { entries.count }
}
