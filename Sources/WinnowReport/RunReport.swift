internal import WinnowCore
internal import WinnowIO

/// The report of one finished run: an HTML page (``html()``) and a terminal summary (``statsText()``).
///
/// Reads the run directory once at ``init(runDirectory:)``: `stats.json` is required; `plan.json`,
/// `manifest.json` (checked with `RunVerifier`), `ledger.json`, the consensus stages' `labelers.json` and
/// the lineage files are used when present. Output is deterministic: the same run directory always gives
/// the same bytes (no clock, no locale, explicit sorting everywhere).
public struct RunReport {
    let data: RunData

    /// The default file name of the page inside a run directory.
    public static let fileName = "report.html"

    /// Reads the run in `runDirectory`.
    ///
    /// - Throws: `WinnowError` `.noInput` when `stats.json` is missing, `.malformedJSON`/`.malformedRecord`
    ///   when a required file is not what it should be, `.io` on read errors. Unreadable lineage lines and a
    ///   manifest that does not verify are reported in the page, not thrown.
    public init(runDirectory: String) throws {
        data = try RunData.load(runDirectory: runDirectory)
    }

    /// The self-contained HTML page.
    public func html() -> String {
        ReportPage(data: data).render()
    }

    /// The key figures as aligned plain-text tables, for `winnow stats`.
    public func statsText() -> String {
        StatsTable(data: data).render()
    }

    /// Writes the report of the run in `runDirectory` to `path` (default `<runDirectory>/report.html`)
    /// atomically, and returns the path written.
    @discardableResult
    public static func write(runDirectory: String, to path: String? = nil) throws -> String {
        let report = try RunReport(runDirectory: runDirectory)
        let target = path ?? FileSystem.join(report.data.directory, fileName)
        try FileSystem.writeFileAtomically(target, Array(report.html().utf8))
        return target
    }
}
