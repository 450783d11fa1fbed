public import WinnowCore
internal import WinnowIO

/// The progress of a run, for `winnow status DIR`: each phase's completed tasks (from the completion
/// markers) and, when the run was submitted to Slurm, the states of its latest submission's array tasks.
public struct RunStatus: Sendable, Codable {
    public struct Phase: Sendable, Codable {
        public var name: String
        /// Tasks of ``RunStatus/world`` whose completion marker exists.
        public var complete: Int
        public var total: Int
        /// The Slurm job ids of this phase in the latest submission (empty when none).
        public var jobs: [Int]
        /// Those jobs' array tasks by state (`COMPLETED`, `RUNNING`, ...), as far as the controller still
        /// knows them; nil when the phase was not submitted or Slurm was not asked.
        public var slurm: [String: Int]?
    }

    public var runDirectory: String
    public var pipeline: String
    public var fingerprint: String
    /// Tasks per phase: as asked, else that of the latest Slurm submission, else the one with most markers;
    /// nil when no task has completed yet and nothing was submitted.
    public var world: Int?
    /// World sizes of other completion markers in the run (a run resumed with another task count).
    public var otherWorlds: [Int]
    public var phases: [Phase]
    /// Every phase is complete.
    public var complete: Bool
    /// Why Slurm states are missing, when they are (squeue failed).
    public var slurmProblem: String?

    /// Reads the status of the run in `runDirectory`. `world` chooses the task count to report on; `client`
    /// (nil: do not ask Slurm) reads the states of the recorded Slurm jobs.
    public static func read(runDirectory: String, registry: StageRegistry, world: Int? = nil, client: SlurmClient? = .system()) throws -> RunStatus {
        let layout = RunLayout(root: runDirectory)
        let plan = try RunFiles.loadPlan(layout)
        let pipeline = try registry.pipeline(for: plan)
        let names = ExecutionPhase.phases(of: pipeline.stages).map(\.name)
        let record = try SlurmJobRecord.load(layout)
        let latest = record.submissions.last

        var markers: [String: [Int: [Int]]] = [:]
        var totals: [Int: Int] = [:]
        for name in names {
            let ranks = try layout.completedRanks(phase: name)
            markers[name] = ranks
            for (size, done) in ranks { totals[size, default: 0] += done.count }
        }
        let chosen = world ?? latest?.world ?? totals.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key

        var states: [String: [String: Int]] = [:]
        var problem: String? = nil
        if let client, let latest, !latest.arrays.isEmpty {
            do {
                let ids = latest.arrays.map { String($0.jobID) }.joined(separator: ",")
                for task in try client.queue(["-h", "--states=all", "-r", "-j", ids, "-o", "%i %T"]) {
                    guard let index = task.index, let found = latest.task(jobID: task.jobID, index: index) else { continue }
                    states[found.phase, default: [:]][task.state.rawValue, default: 0] += 1
                }
            } catch {
                problem = "\(error)"
            }
        }

        var phases: [Phase] = []
        for name in names {
            let jobs = latest?.arrays.filter { $0.phase == name }.map(\.jobID) ?? []
            let asked = client != nil && problem == nil && !jobs.isEmpty
            phases.append(Phase(
                name: name, complete: chosen.flatMap { markers[name]?[$0]?.count } ?? 0, total: chosen ?? 0,
                jobs: jobs, slurm: asked ? states[name] ?? [:] : nil))
        }
        return RunStatus(
            runDirectory: layout.root, pipeline: plan.pipeline, fingerprint: plan.fingerprint, world: chosen,
            otherWorlds: totals.keys.filter { $0 != chosen }.sorted(), phases: phases,
            complete: chosen != nil && phases.allSatisfy { $0.complete == $0.total },
            slurmProblem: problem)
    }
}
