/// What a stage decided about one document.
public enum Decision: Sendable, Hashable {
    case keep
    /// Drop the document. `reason` is a short, stable key that is counted (for example `too_short`);
    /// `detail` says more about this document (for example `"412 characters < 500"`).
    case drop(reason: String, detail: String? = nil)

    public var isKeep: Bool {
        if case .keep = self { return true }
        return false
    }
}
