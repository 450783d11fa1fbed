public import Foundation
public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Who made a run, when and with what: written once to `work/run.json` when the run is prepared (a resume
/// keeps it), and copied into the manifest.
public struct RunInfo: Sendable, Codable, Hashable {
    public var runID: String
    public var started: String
    public var host: String
    public var winnowVersion: String
    public var winnowCommit: String?
    /// The batch this run follows (incremental runs).
    public var predecessor: Predecessor?

    /// An earlier batch of an incremental series.
    public struct Predecessor: Sendable, Codable, Hashable {
        public var batch: String
        public var runID: String
        public var manifestSHA256: String
        public var documentsRoot: String
    }

    /// Information about a run of `plan` starting now, on this host, with this build.
    public static func current(plan: Plan) -> RunInfo {
        let now = Date()
        let stamp = Self.timestamp(now)
        let compact = stamp.filter { $0.isNumber }
        return RunInfo(
            runID: "\(plan.pipeline)-\(compact.prefix(14))-\(plan.fingerprint.prefix(8))",
            started: stamp, host: ProcessInfo.processInfo.hostName,
            winnowVersion: WinnowBuild.version, winnowCommit: WinnowBuild.commit)
    }

    /// ISO 8601 UTC with seconds (`2026-11-25T17:05:39Z`).
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// The version of this build of Winnow, and its git commit when it can be found: `WINNOW_GIT_COMMIT`, or
/// the commit of the git work tree the executable was built in.
public enum WinnowBuild {
    public static let version = "0.2.0"

    public static let commit: String? = {
        if let commit = ProcessInfo.processInfo.environment["WINNOW_GIT_COMMIT"], !commit.isEmpty { return commit }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", (executable as NSString).deletingLastPathComponent, "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count == 40 ? text : nil
    }()
}
