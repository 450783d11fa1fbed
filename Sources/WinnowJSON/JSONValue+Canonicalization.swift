extension JSONValue {
    /// This value with the members of every object, at every level, sorted by the UTF-8 bytes of
    /// their keys. Array order and number texts are kept.
    ///
    /// Two values are equal as unordered JSON (same members, any order) exactly when their
    /// canonicalized forms are equal.
    public func canonicalized() -> JSONValue {
        switch self {
        case .null, .bool, .number, .string:
            return self
        case .array(let elements):
            return .array(elements.map { $0.canonicalized() })
        case .object(let object):
            var entries = object.entries
            for index in entries.indices {
                entries[index].value = entries[index].value.canonicalized()
            }
            entries.sort { $0.key.utf8Precedes($1.key) }
            return .object(JSONObject(uniqueEntries: entries))
        }
    }
}
