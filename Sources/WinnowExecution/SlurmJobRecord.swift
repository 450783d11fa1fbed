internal import WinnowCore
internal import WinnowIO

/// `DIR/work/slurm/jobs.json`: the job arrays that each `winnow run --executor slurm` submitted for a run,
/// oldest submission first. `winnow status` reads it to show the jobs' states; a new submission refuses to
/// start while jobs of an earlier one are still queued or running.
public struct SlurmJobRecord: Sendable, Codable, Hashable {
    /// One submitted job array.
    public struct ArrayJob: Sendable, Codable, Hashable {
        public var phase: String
        public var jobID: Int
        /// The rank of array index 0.
        public var offset: Int
        /// The `sbatch --array` value.
        public var array: String
        /// The job ids this array waits for (`afterok`).
        public var dependencies: [Int]

        public init(phase: String, jobID: Int, offset: Int, array: String, dependencies: [Int]) {
            self.phase = phase
            self.jobID = jobID
            self.offset = offset
            self.array = array
            self.dependencies = dependencies
        }
    }

    /// The arrays of one `winnow run --executor slurm`.
    public struct Submission: Sendable, Codable, Hashable {
        /// ISO 8601 UTC time of the submission.
        public var submitted: String
        /// Tasks per phase.
        public var world: Int
        public var arrays: [ArrayJob]

        public init(submitted: String, world: Int, arrays: [ArrayJob]) {
            self.submitted = submitted
            self.world = world
            self.arrays = arrays
        }

        /// The phase and rank of task `index` of job `jobID`, when that job belongs to this submission.
        public func task(jobID: Int, index: Int) -> (phase: String, rank: Int)? {
            guard let array = arrays.first(where: { $0.jobID == jobID }) else { return nil }
            return (array.phase, array.offset + index)
        }
    }

    public var submissions: [Submission]

    public init(submissions: [Submission] = []) {
        self.submissions = submissions
    }

    /// Every job id recorded, ascending.
    public var jobIDs: [Int] { submissions.flatMap { $0.arrays.map(\.jobID) }.sorted() }

    /// Recorded jobs that are not finished (queued, running or completing) and run this run's job scripts,
    /// ascending. A job id the controller no longer knows is finished; a job whose script is not this run's
    /// (job ids restart when a cluster is reinstalled) is not ours. Asks `squeue` only when jobs are
    /// recorded, so it costs nothing for a run that never used Slurm.
    public func activeJobIDs(layout: RunLayout, client: SlurmClient = .system()) throws -> [Int] {
        let ids = jobIDs
        guard !ids.isEmpty else { return [] }
        let tasks = try client.queue(["-h", "-j", ids.map(String.init).joined(separator: ","), "-o", "%i %T %o"])
        let prefix = layout.slurmDirectory + "/"
        var active: [Int] = []
        for task in tasks.sorted(by: { $0.jobID < $1.jobID }) where !task.state.isFinal && task.detail.hasPrefix(prefix) && active.last != task.jobID {
            active.append(task.jobID)
        }
        return active
    }

    /// The record of the run at `layout`; empty when there is none.
    public static func load(_ layout: RunLayout) throws -> SlurmJobRecord {
        guard try FileSystem.fileExists(layout.slurmJobsFile) else { return SlurmJobRecord() }
        do {
            return try JSONCoding.decode(SlurmJobRecord.self, from: try FileSystem.readFile(layout.slurmJobsFile))
        } catch let error as WinnowError {
            throw error
        } catch {
            throw WinnowError(.internalInconsistency, "the Slurm job record does not decode: \(error)", at: .init(path: layout.slurmJobsFile), scope: .run)
        }
    }

    /// Writes the record (atomically).
    public func write(_ layout: RunLayout) throws {
        try FileSystem.createDirectory(layout.slurmDirectory)
        try FileSystem.writeFileAtomically(layout.slurmJobsFile, try JSONCoding.prettyBytes(self))
    }
}
