import Foundation
import Logging
import WinnowJSON

/// `--log-format json`: one JSON object per line on standard error,
/// `{"ts", "level", "label", "message", "metadata"}`, for log collectors.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var fields = JSONObject()
        for key in merged.keys.sorted() { fields[key] = .string("\(merged[key]!)") }
        let line: JSONValue = .object([
            "ts": .string(Self.timestamp()), "level": .string(event.level.rawValue), "label": .string(label),
            "message": .string("\(event.message)"), "metadata": .object(fields),
        ])
        FileHandle.standardError.write(Data(line.serialized() + [0x0a]))
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
