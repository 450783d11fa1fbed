internal import Foundation
internal import WinnowCore
internal import WinnowIO

/// Run metrics in the node_exporter textfile-collector format, written atomically after every run, so that
/// a cron-driven pipeline can be alerted on (`winnow_last_success_timestamp_seconds` too old,
/// `winnow_run_failures_total` rising).
public enum PrometheusMetrics {
    /// Writes the metrics of a run of `pipeline` that ended now. `stats` is nil for a failed run; the last
    /// success time and the document counts are then kept from the previous file, and the failure counter
    /// goes up by one.
    public static func write(path: String, pipeline: String, stats: RunStats?, durationSeconds: Double) throws {
        let previous = (try? FileSystem.readFile(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        func previousValue(_ name: String) -> Double? {
            for line in previous.split(separator: "\n") where line.hasPrefix("\(name){") || line.hasPrefix("\(name) ") {
                if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
            }
            return nil
        }
        let label = "{pipeline=\"\(pipeline.replacingOccurrences(of: "\"", with: "\\\""))\"}"
        let failures = (previousValue("winnow_run_failures_total") ?? 0) + (stats == nil ? 1 : 0)
        let lastSuccess = stats != nil ? Date().timeIntervalSince1970 : (previousValue("winnow_last_success_timestamp_seconds") ?? 0)
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            lines.append("\(name)\(label) \(text)")
        }
        metric("winnow_last_success_timestamp_seconds", "gauge", "Unix time of the last successful run.", lastSuccess)
        metric("winnow_last_run_success", "gauge", "1 if the last run succeeded, 0 if it failed.", stats == nil ? 0 : 1)
        metric("winnow_last_run_duration_seconds", "gauge", "Wall-clock seconds of the last run.", durationSeconds)
        metric("winnow_run_failures_total", "counter", "Failed runs recorded in this file.", failures)
        let keep = { (name: String, value: Int64?) in Double(value ?? 0) }
        metric("winnow_documents_in", "gauge", "Documents read by the last successful run.", stats.map { keep("", $0.documentsRead) } ?? previousValue("winnow_documents_in") ?? 0)
        metric("winnow_documents_out", "gauge", "Documents written by the last successful run.", stats.map { keep("", $0.documentsWritten) } ?? previousValue("winnow_documents_out") ?? 0)
        metric("winnow_bytes_in", "gauge", "Input bytes of the last successful run.", stats.map { keep("", $0.inputBytes) } ?? previousValue("winnow_bytes_in") ?? 0)
        metric("winnow_bytes_out", "gauge", "Shard bytes written by the last successful run.", stats.map { keep("", $0.shardBytes) } ?? previousValue("winnow_bytes_out") ?? 0)
        metric("winnow_documents_rejected", "gauge", "Records rejected by the last successful run.", stats.map { keep("", $0.rejectCount) } ?? previousValue("winnow_documents_rejected") ?? 0)
        try FileSystem.writeFileAtomically(path, Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}
