/// The sections of the report page, in order. Their titles are the page's `<h2>` headings; tests and
/// `Scripts/check-report.sh` check that each one is present.
public enum ReportSection: String, CaseIterable, Sendable {
    case summary = "Summary"
    case funnel = "Funnel"
    case dropReasons = "Drop reasons"
    case scores = "Score histograms"
    case languages = "Languages"
    case sources = "Sources and contributors"
    case duplicates = "Duplicate clusters"
    case labelers = "Labelers"
    case rewards = "Reward weights and ledger"
    case provenance = "Provenance"
    case plan = "Plan"

    /// The heading's `id`, for links.
    public var anchor: String {
        rawValue.lowercased().split(separator: " ").joined(separator: "-")
    }
}
