public import WinnowCore
internal import WinnowJSON

/// Who contributed a document: the string (or number) at `metadata[metadataField]` when present and not
/// empty; otherwise, when ``useSource`` is set, the document's `source` — up to the first
/// ``sourceSeparator`` when one is given (`"github/alice"` → `"github"` with separator `"/"`); otherwise
/// ``unattributed``.
public struct ContributorRule: Sendable, Hashable, Codable {
    public static let unattributed = "(unattributed)"

    public var metadataField: String?
    public var useSource: Bool
    public var sourceSeparator: String?

    public init(metadataField: String? = "contributor", useSource: Bool = true, sourceSeparator: String? = nil) {
        self.metadataField = metadataField
        self.useSource = useSource
        self.sourceSeparator = sourceSeparator
    }

    public func contributor(of document: Document) -> String {
        if let field = metadataField, let value = document.metadata[field] {
            switch value {
            case .string(let text) where !text.isEmpty: return text
            case .number(let number): return number.text
            default: break
            }
        }
        if useSource && !document.source.isEmpty {
            if let separator = sourceSeparator, !separator.isEmpty {
                let source = Array(document.source.utf8), mark = Array(separator.utf8)
                if source.count >= mark.count {
                    for start in 0...(source.count - mark.count) where Array(source[start..<(start + mark.count)]) == mark {
                        return String(decoding: source[..<start], as: UTF8.self)
                    }
                }
            }
            return document.source
        }
        return Self.unattributed
    }
}
