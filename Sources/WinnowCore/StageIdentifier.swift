/// A versioned stage identifier such as `filter.length@1`.
///
/// Changing what a stage outputs means bumping its version, never changing it silently: the identifier is
/// part of the plan and so of the config fingerprint.
public struct StageIdentifier: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String
    public let version: Int

    public init(_ name: String, version: Int) {
        precondition(!name.isEmpty && !name.contains("@"), "stage name must be non-empty and contain no '@'")
        precondition(version >= 1, "stage versions start at 1")
        self.name = name
        self.version = version
    }

    public init(stringLiteral value: String) {
        guard let parsed = StageIdentifier(parsing: value) else {
            preconditionFailure("malformed stage identifier '\(value)': expected NAME@VERSION")
        }
        self = parsed
    }

    /// Parses `NAME@VERSION`.
    public init?(parsing text: String) {
        guard let at = text.lastIndex(of: "@"),
              let version = Int(text[text.index(after: at)...]), version >= 1,
              at != text.startIndex
        else { return nil }
        self.name = String(text[..<at])
        self.version = version
    }

    public var description: String { "\(name)@\(version)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = StageIdentifier(parsing: text) else {
            throw WinnowError(.invalidPlan, "malformed stage identifier '\(text)': expected NAME@VERSION", scope: .run)
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
