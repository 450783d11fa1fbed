internal import Foundation
internal import WinnowCore

/// Fault injection for the resume, signal and Slurm tests: `WINNOW_FAULT=PHASE:RANK:UNIT[:ACTION]` acts in
/// the task of that phase and rank right after it committed that work unit (before its next unit, its
/// stats and its marker); `PHASE:RANK:marker` acts after the stats, just before the marker. Unset in
/// normal runs (the check is one environment lookup per task).
///
/// - `kill` (the default): the task kills itself with SIGKILL, exactly as a power cut or the OOM killer
///   would.
/// - `hold`: the task prints `winnow: fault injection: ... holding` to standard error and waits until a
///   stop is requested (SIGTERM, SIGINT, Slurm's pre-timeout signal), then goes on, so that a test can
///   signal a task at a known point without racing it. A Slurm task holds only in its first attempt
///   (`SLURM_RESTART_COUNT` unset or 0), so that a requeued task runs through.
enum FaultInjection {
    enum Action: String { case kill, hold }

    static let target: (phase: String, rank: Int, point: String, action: Action)? = {
        guard let spec = ProcessInfo.processInfo.environment["WINNOW_FAULT"], !spec.isEmpty else { return nil }
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count == 3 || parts.count == 4, let rank = Int(parts[1]) else { return nil }
        guard let action = parts.count == 4 ? Action(rawValue: parts[3]) : .kill else { return nil }
        return (parts[0], rank, parts[2], action)
    }()

    static func checkpoint(phase: String, rank: Int, point: String) {
        guard let target, target.phase == phase, target.rank == rank, target.point == point else { return }
        switch target.action {
        case .kill:
            kill(getpid(), SIGKILL)
        case .hold:
            let restarts = ProcessInfo.processInfo.environment["SLURM_RESTART_COUNT"].flatMap { Int($0) } ?? 0
            guard restarts == 0 else { return }
            FileHandle.standardError.write(Data("winnow: fault injection: \(phase) task \(rank) holding after \(point) until a stop is requested\n".utf8))
            while !Interruption.isRequested { usleep(5_000) }
        }
    }
}
