extension JSONValue: CustomStringConvertible {
    /// The value's compact JSON text (``jsonString``).
    public var description: String { jsonString }

    /// The value as compact JSON bytes (see ``JSONWriter``); with `sortKeys`, in canonical form.
    public func serialized(sortKeys: Bool = false) -> [UInt8] {
        var writer = JSONWriter(sortKeys: sortKeys)
        writer.write(self)
        return writer.bytes
    }

    /// The value as compact JSON text, members in their order.
    public var jsonString: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
