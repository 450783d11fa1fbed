internal import Foundation

/// Crash injection for the resume tests: `WINNOW_FAULT=PHASE:RANK:UNIT` makes the task of that phase and rank
/// kill itself with SIGKILL right after it committed that work unit (before its next unit, its stats and its
/// marker), exactly as a power cut or the OOM killer would. `PHASE:RANK:marker` kills it after the stats,
/// just before the marker. Unset in normal runs (the check is one environment lookup per task).
enum FaultInjection {
    static let target: (phase: String, rank: Int, point: String)? = {
        guard let spec = ProcessInfo.processInfo.environment["WINNOW_FAULT"], !spec.isEmpty else { return nil }
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count == 3, let rank = Int(parts[1]) else { return nil }
        return (parts[0], rank, parts[2])
    }()

    static func checkpoint(phase: String, rank: Int, point: String) {
        guard let target, target.phase == phase, target.rank == rank, target.point == point else { return }
        kill(getpid(), SIGKILL)
    }
}
