extension JSONValue {
    /// Indented JSON for files and output that people read: two spaces per level, keys sorted by their
    /// UTF-8 bytes, a trailing newline. Deterministic, like ``serialized(sortKeys:)``.
    public func prettySerialized() -> [UInt8] {
        var writer = JSONWriter(sortKeys: true)
        Self.writePretty(self, into: &writer, depth: 0)
        writer.bytes.append(0x0a)
        return writer.bytes
    }

    private static func newline(_ writer: inout JSONWriter, depth: Int) {
        writer.bytes.append(0x0a)
        writer.bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    private static func writePretty(_ value: JSONValue, into writer: inout JSONWriter, depth: Int) {
        switch value {
        case .array(let items) where !items.isEmpty:
            writer.writeRaw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { writer.writeRaw(",") }
                newline(&writer, depth: depth + 1)
                writePretty(item, into: &writer, depth: depth + 1)
            }
            newline(&writer, depth: depth)
            writer.writeRaw("]")
        case .object(let object) where !object.isEmpty:
            writer.writeRaw("{")
            let entries = object.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            for (index, entry) in entries.enumerated() {
                if index > 0 { writer.writeRaw(",") }
                newline(&writer, depth: depth + 1)
                writer.writeString(entry.key)
                writer.writeRaw(": ")
                writePretty(entry.value, into: &writer, depth: depth + 1)
            }
            newline(&writer, depth: depth)
            writer.writeRaw("}")
        default:
            writer.write(value)
        }
    }
}
