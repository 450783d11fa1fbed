internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// How far a task has come, written by the task to `work/progress/<phase>/rank-R.json` at most every half
/// second, and summed by the coordinator for its progress display.
public struct TaskProgress: Sendable, Codable, Hashable {
    public var units: Int = 0
    public var documents: Int64 = 0
    /// Input bytes consumed (file bytes for segment 0).
    public var bytes: Int64 = 0

    public init() {}

    public mutating func add(_ other: TaskProgress) {
        units += other.units
        documents += other.documents
        bytes += other.bytes
    }
}

/// Throttled writing of a task's progress file.
final class ProgressWriter {
    let path: String
    private var lastWrite = ContinuousClock.now
    private let interval = Duration.milliseconds(500)

    init(layout: RunLayout, phase: String, rank: Int) {
        path = "\(layout.workDirectory)/progress/\(RunLayout.safePhase(phase))/rank-\(rank).json"
    }

    func update(_ progress: TaskProgress, force: Bool = false) {
        let now = ContinuousClock.now
        guard force || now - lastWrite >= interval else { return }
        lastWrite = now
        // Progress is advisory: a failed write never fails the task.
        if (try? FileSystem.createDirectory(FileSystem.parentDirectory(of: path))) != nil,
           let bytes = try? JSONCoding.value(encoding: progress).serialized() {
            try? FileSystem.writeFileAtomically(path, bytes)
        }
    }

    /// The summed progress of a phase's tasks.
    static func total(layout: RunLayout, phase: String) -> TaskProgress {
        let folder = "\(layout.workDirectory)/progress/\(RunLayout.safePhase(phase))"
        var total = TaskProgress()
        guard let names = try? FileSystem.contentsOfDirectory(folder) else { return total }
        for name in names where name.hasSuffix(".json") {
            if let bytes = try? FileSystem.readFile("\(folder)/\(name)"),
               let progress = try? JSONCoding.decode(TaskProgress.self, from: bytes) {
                total.add(progress)
            }
        }
        return total
    }
}
