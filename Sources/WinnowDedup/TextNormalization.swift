/// How text is normalized before it is hashed for exact deduplication.
public enum TextNormalization: String, Sendable, Codable, CaseIterable {
    /// The UTF-8 bytes as they are.
    case none
    /// Runs of white space (Unicode `White_Space`) folded to one space, leading and trailing removed.
    case whitespace
    /// As `whitespace`, and lower-cased with Unicode's default case mapping.
    case whitespaceAndCase

    /// Appends the normalized UTF-8 bytes of `text` to `out` (which the caller reuses between documents).
    public func normalize(_ text: String, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        switch self {
        case .none:
            out.append(contentsOf: text.utf8)
        case .whitespace:
            Self.foldWhitespace(text.unicodeScalars, into: &out)
        case .whitespaceAndCase:
            Self.foldWhitespace(text.lowercased().unicodeScalars, into: &out)
        }
    }

    private static func foldWhitespace(_ scalars: String.UnicodeScalarView, into out: inout [UInt8]) {
        var pendingSpace = false
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
    }
}
