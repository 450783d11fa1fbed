import Foundation
import Winnow

/// A one-line progress display on a terminal (documents/s, MB/s, ETA), redrawn in place. Off when standard
/// error is not a terminal (cron, pipes): plain log lines only there.
final class ProgressDisplay: Sendable {
    private let active = Locked(false)

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func update(_ progress: LocalExecutor.PhaseProgress?) {
        active.withLock { active in
            guard let progress else {
                if active { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
                active = false
                return
            }
            active = true
            let seconds = max(progress.seconds, 0.001)
            var parts = ["\(progress.phase)"]
            if let units = progress.units { parts.append("\(progress.unitsDone)/\(units) inputs") }
            parts.append("\(progress.documents) docs")
            parts.append("\(Int(Double(progress.documents) / seconds)) docs/s")
            if progress.bytes > 0 { parts.append(String(format: "%.1f MB/s", Double(progress.bytes) / seconds / 1e6)) }
            if let total = progress.totalBytes, progress.bytes > 0, total > progress.bytes {
                let remaining = seconds * Double(total - progress.bytes) / Double(progress.bytes)
                parts.append(String(format: "ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60))
            }
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(parts.joined(separator: " · "))".utf8))
        }
    }
}
