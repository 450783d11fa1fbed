internal import Foundation
public import WinnowJSON

/// Bridges `Codable` values and ``JSONValue`` (used for plans and stats, never in per-document hot paths).
public enum JSONCoding {
    /// Encodes `value` with Foundation's encoder and parses the result into a ``JSONValue``.
    public static func value(encoding value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        do {
            return try JSONParser.parse(Array(data))
        } catch {
            throw WinnowError(.internalInconsistency, "Foundation produced JSON that Winnow cannot parse: \(error)", scope: .run)
        }
    }

    /// Decodes a `T` from a ``JSONValue``.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let bytes = value.serialized(sortKeys: true)
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Decodes a `T` from JSON bytes.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Pretty, key-sorted JSON bytes of `value` ending in a newline (for files people read).
    public static func prettyBytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0a]
    }
}
