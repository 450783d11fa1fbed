internal import Foundation
public import Logging
public import WinnowCore
internal import WinnowIO

/// Runs a pipeline as Slurm job arrays: `winnow run NAME --executor slurm --tasks N`.
///
/// It prepares the run directory exactly as ``LocalExecutor`` does, then submits every phase that has
/// incomplete tasks as an `sbatch` job array of `winnow task` (rank from `SLURM_ARRAY_TASK_ID`), chained so
/// that each phase starts only when every task of the previous one succeeded (``SlurmSubmissionPlan``).
/// Tasks write their outputs, stats and completion markers into the run directory, which must therefore be
/// on a file system that the compute nodes share, at the same path; so must the `winnow` executable and
/// relative input paths, resolved against ``workingDirectory``. Per-task logs go to `DIR/logs/<phase>/`.
///
/// Without ``SlurmOptions/wait`` it returns once the arrays are submitted. With it, it polls `squeue` until
/// no job is left (never `sbatch --wait`, which backs off to 32 s and reports success for cancelled jobs),
/// then judges the run by its completion markers: a phase with a missing marker failed, and the error names
/// its failed task, the task's Slurm state and log file, and the later phases that Slurm cancelled.
///
/// A rerun submits only the incomplete tasks. It refuses to start while jobs of an earlier submission of
/// the same run are still queued or running (they would race the new ones); the job ids are kept in
/// `DIR/work/slurm/jobs.json`, which `winnow status` reads.
public struct SlurmExecutor: Sendable {
    public var options: SlurmOptions
    /// The `winnow` executable the job scripts run.
    public var executable: String
    /// The working directory of the tasks (`sbatch --chdir`): relative paths in the plan resolve against it.
    public var workingDirectory: String
    public var failFast: Bool
    public var registry: StageRegistry
    /// The Ed25519 key file that signs the manifest, if any.
    public var signingKeyPath: String?
    public var client: SlurmClient
    public var logger: Logger

    public init(
        options: SlurmOptions, executable: String, workingDirectory: String, failFast: Bool = false,
        registry: StageRegistry, signingKeyPath: String? = nil, client: SlurmClient = .system(), logger: Logger
    ) {
        self.options = options
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.failFast = failFast
        self.registry = registry
        self.signingKeyPath = signingKeyPath
        self.client = client
        self.logger = logger
    }

    /// What ``run(_:)`` did.
    public enum Outcome: Sendable {
        /// The job arrays were submitted and are left to run (``SlurmOptions/wait`` is off).
        case submitted(runDirectory: String, arrays: [SlurmJobRecord.ArrayJob])
        /// Every task completed, now or before: the run's merged stats.
        case completed(RunStats)
    }

    /// Prepares the run directory and submits the incomplete phases; with ``SlurmOptions/wait``, waits for
    /// them and checks every task completed. Throws `task-failed` (or `fail-fast`) naming the failed task,
    /// `locked` when another run holds the directory or earlier jobs of this run are still queued,
    /// `wait-timeout` when the deadline passes, `slurm` when a Slurm command fails.
    public func run(_ pipeline: Pipeline) throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        if let problem = options.problems.first {
            throw WinnowError(.invalidArgument, problem, scope: .run)
        }
        let plan = try Plan(pipeline)
        guard let sink = pipeline.stages.last as? any SinkStage else {
            throw WinnowError(.invalidPlan, "pipeline '\(pipeline.name)' has no writer", scope: .run)
        }
        let layout = RunLayout(root: Self.absolutePath(sink.output, in: workingDirectory))
        // Tasks rebuild the pipeline from plan.json; make sure this build can.
        _ = try registry.pipeline(for: plan)
        try FileSystem.createDirectory(layout.root)
        guard let lock = try FileLock.acquire(layout.lockFile) else {
            throw WinnowError(.locked, "another winnow run holds the lock on this output directory; not starting", at: .init(path: layout.lockFile), scope: .run)
        }
        defer { lock.release() }

        // Before preparing: a resume deletes temporary files, which live tasks of an earlier submission own.
        var record = try SlurmJobRecord.load(layout)
        let active = try record.activeJobIDs(layout: layout, client: client)
        guard active.isEmpty else {
            let ids = active.map(String.init).joined(separator: ",")
            throw WinnowError(
                .locked,
                "jobs \(ids) of an earlier submission of this run are still queued or running; wait for them (`winnow status \(layout.root)`) or cancel them (`scancel \(ids)`)",
                at: .init(path: layout.slurmJobsFile), scope: .run)
        }
        // Asking the cluster first means a machine without Slurm fails before touching the output.
        let width = try arrayWidth()
        let inputs = try RunPreparation.prepare(plan: plan, pipeline: pipeline, layout: layout)
        let world = options.tasks
        let phases = ExecutionPhase.phases(of: pipeline.stages).map(\.name)
        let incomplete = try phases.map { (phase: $0, ranks: try layout.incompleteRanks(phase: $0, world: world)) }
        if incomplete.allSatisfy({ $0.ranks.isEmpty }) {
            logger.info("run '\(pipeline.name)': all \(phases.count) phases of \(world) tasks are already complete, output \(layout.root)")
            return .completed(try Self.stats(layout, seconds: TaskRunner.seconds(clock.now - start)))
        }

        let submission = SlurmSubmissionPlan(layout: layout, world: world, incomplete: incomplete, arrayWidth: width)
        try writeScripts(submission)
        logger.info("run '\(pipeline.name)': \(inputs.count) inputs, \(world) Slurm tasks per phase, plan \(plan.fingerprint.prefix(12)), output \(layout.root)")

        record.submissions.append(.init(submitted: RunInfo.timestamp(Date()), world: world, arrays: []))
        let last = record.submissions.count - 1
        let arrays: [SlurmJobRecord.ArrayJob]
        do {
            arrays = try submission.submit(
                options: options, jobName: { "winnow-\(pipeline.name)-\(RunLayout.safePhase($0))" }, workingDirectory: workingDirectory,
                submit: { request, arguments in
                    logger.debug("sbatch \(arguments.joined(separator: " "))")
                    let result = try client.run("sbatch", arguments)
                    guard result.status == 0 else {
                        throw WinnowError(
                            .slurm, "sbatch refused the job array of phase \(request.phase): \(SlurmClient.firstLines(result.errorOutput))",
                            scope: .run)
                    }
                    return try SlurmOutput.jobID(fromParsable: result.output)
                },
                recorded: { job in
                    record.submissions[last].arrays.append(job)
                    try record.write(layout)
                    logger.info("phase \(job.phase): job \(job.jobID), array \(job.array)\(job.offset == 0 ? "" : " (ranks from \(job.offset))")\(job.dependencies.isEmpty ? "" : ", after \(job.dependencies.map(String.init).joined(separator: ":"))")")
                })
        } catch {
            cancel(record.submissions[last].arrays.map(\.jobID))
            throw error
        }
        guard options.wait else {
            return .submitted(runDirectory: layout.root, arrays: arrays)
        }
        try wait(for: arrays, layout: layout, world: world)
        return .completed(try Self.stats(layout, seconds: TaskRunner.seconds(clock.now - start)))
    }

    // MARK: - Submission

    /// The largest array to submit: ``SlurmOptions/maxArraySize``, else the cluster's
    /// `min(MaxArraySize, max_array_tasks)`.
    func arrayWidth() throws -> Int {
        if let size = options.maxArraySize { return size }
        let config = try client.checkedOutput("scontrol", ["show", "config"])
        let limits = SlurmOutput.arrayLimits(fromConfig: config)
        guard let size = limits.maxArraySize, size >= 1 else {
            logger.warning("scontrol show config has no MaxArraySize; assuming Slurm's default, 1001")
            return min(1001, limits.maxArrayTasks ?? 1001)
        }
        return max(1, min(size, limits.maxArrayTasks ?? size))
    }

    /// Writes each submitted phase's job script and creates its log directories (Slurm does not create them).
    private func writeScripts(_ submission: SlurmSubmissionPlan) throws {
        try FileSystem.createDirectory(submission.layout.slurmDirectory)
        for requests in submission.phases {
            guard let phase = requests.first?.phase else { continue }
            let script = submission.layout.slurmScript(phase: phase)
            let text = submission.script(phase: phase, executable: executable, failFast: failFast, signingKeyPath: signingKeyPath)
            try FileSystem.writeFileAtomically(script, Array(text.utf8))
            try FileSystem.createDirectory(submission.layout.logDirectory(phase: phase))
            for request in requests where request.chunk.offset != 0 {
                try FileSystem.createDirectory("\(submission.layout.logDirectory(phase: phase))/chunk-\(request.chunk.offset)")
            }
        }
    }

    /// Cancels `ids` (after a failed submission), logging rather than throwing: the original error matters.
    private func cancel(_ ids: [Int]) {
        guard !ids.isEmpty else { return }
        let list = ids.map(String.init)
        do {
            let result = try client.run("scancel", list)
            if result.status == 0 {
                logger.warning("cancelled the job arrays already submitted: \(list.joined(separator: ", "))")
            } else {
                logger.error("could not cancel jobs \(list.joined(separator: ", ")): \(SlurmClient.firstLines(result.errorOutput))")
            }
        } catch {
            logger.error("could not cancel jobs \(list.joined(separator: ", ")): \(error)")
        }
    }

    // MARK: - Waiting

    /// Polls `squeue` until none of `arrays` is queued or running, then checks the completion markers.
    func wait(for arrays: [SlurmJobRecord.ArrayJob], layout: RunLayout, world: Int) throws {
        let ids = arrays.map { String($0.jobID) }.joined(separator: ",")
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(options.waitTimeoutSeconds * 1000))
        var phasesLeft = Self.orderedPhases(arrays)
        var failedPolls = 0
        logger.info("waiting for jobs \(ids) (deadline \(Int(options.waitTimeoutSeconds)) s)")
        while true {
            while let phase = phasesLeft.first, try layout.incompleteRanks(phase: phase, world: world).isEmpty {
                logger.info("phase \(phase): \(world) tasks complete")
                phasesLeft.removeFirst()
            }
            do {
                if try client.queue(["-h", "-j", ids, "-o", "%i %T"]).isEmpty { break }
                failedPolls = 0
            } catch let error as WinnowError where error.code == .slurm {
                // The controller may be briefly unreachable (restart, fail-over): give it a minute.
                failedPolls += 1
                if Double(failedPolls) * options.pollIntervalSeconds > 60 { throw error }
                logger.warning("\(error.message); retrying")
            }
            if Interruption.isRequested {
                throw WinnowError(
                    .interrupted, "stopped waiting; the Slurm jobs \(ids) keep running (`winnow status \(layout.root)`, or `scancel \(ids)` to stop them)",
                    scope: .run)
            }
            if clock.now >= deadline {
                throw WinnowError(
                    .waitTimeout, "gave up waiting after \(Int(options.waitTimeoutSeconds)) s; the Slurm jobs \(ids) keep running (`winnow status \(layout.root)`)",
                    scope: .run)
            }
            Thread.sleep(forTimeInterval: options.pollIntervalSeconds)
        }
        try check(arrays, layout: layout, world: world)
    }

    /// Throws for the first phase of `arrays` that has a task without a completion marker.
    func check(_ arrays: [SlurmJobRecord.ArrayJob], layout: RunLayout, world: Int) throws {
        let phases = Self.orderedPhases(arrays)
        for (position, phase) in phases.enumerated() {
            var missing = try layout.incompleteRanks(phase: phase, world: world)
            if missing.isEmpty { continue }
            var states = finalStates(arrays)
            // A task that Slurm calls COMPLETED wrote its marker before exiting; on a network file system the
            // marker may take a moment to show here.
            var retries = 0
            while retries < 10, missing.allSatisfy({ states[Key(phase: phase, rank: $0)] == .completed }) {
                Thread.sleep(forTimeInterval: 0.5)
                retries += 1
                missing = try layout.incompleteRanks(phase: phase, world: world)
                states = finalStates(arrays)
            }
            if missing.isEmpty { continue }
            throw failure(
                phase: phase, missing: missing, states: states, later: Array(phases[(position + 1)...]),
                arrays: arrays, layout: layout, world: world)
        }
    }

    /// A task's place in the run.
    struct Key: Hashable {
        var phase: String
        var rank: Int
    }

    /// The final Slurm state of every task of `arrays` that the controller still remembers (it forgets
    /// finished jobs after `MinJobAge`, 300 s by default).
    func finalStates(_ arrays: [SlurmJobRecord.ArrayJob]) -> [Key: SlurmJobState] {
        let ids = arrays.map { String($0.jobID) }.joined(separator: ",")
        let tasks: [SlurmTaskState]
        do {
            tasks = try client.queue(["-h", "--states=all", "-r", "-j", ids, "-o", "%i %T"])
        } catch {
            logger.warning("cannot read the jobs' final states: \(error)")
            return [:]
        }
        var byJob: [Int: SlurmJobRecord.ArrayJob] = [:]
        for array in arrays { byJob[array.jobID] = array }
        var states: [Key: SlurmJobState] = [:]
        for task in tasks {
            guard let array = byJob[task.jobID], let index = task.index else { continue }
            states[Key(phase: array.phase, rank: array.offset + index)] = task.state
        }
        return states
    }

    private func failure(
        phase: String, missing: [Int], states: [Key: SlurmJobState], later: [String], arrays: [SlurmJobRecord.ArrayJob],
        layout: RunLayout, world: Int
    ) -> WinnowError {
        func state(_ rank: Int) -> SlurmJobState? { states[Key(phase: phase, rank: rank)] }
        let rank = missing.first { state($0)?.isFailure == true && state($0) != .cancelled }
            ?? missing.first { state($0)?.isFailure == true } ?? missing[0]
        let array = Self.array(of: rank, phase: phase, in: arrays)
        let log = layout.slurmLogFile(phase: phase, rank: rank, offset: array?.offset ?? 0)
        var status: Int32? = nil
        if let array, state(rank)?.isFailure == true,
           let result = try? client.run("scontrol", ["-o", "show", "job", "\(array.jobID)_\(rank - array.offset)"]), result.status == 0 {
            status = SlurmOutput.exitStatus(fromShowJob: result.output)
        }
        var what: String
        switch state(rank) {
        case .completed?:
            what = "ended COMPLETED but its completion marker is missing (is \(layout.root) on a file system the compute nodes share?)"
        case let final? where final.isFailure:
            what = "ended \(final)" + (status.map { " with exit status \($0)" } ?? "")
        case let other?:
            what = "is \(other)"
        case nil:
            what = "did not complete (Slurm no longer knows its state)"
        }
        var message = "phase \(phase), task \(rank) of \(world) \(what); its log: \(log)"
        if missing.count > 1 {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ")
            message += "; \(missing.count) tasks of the phase did not complete (\(listed)\(missing.count > 10 ? ", ..." : ""))"
        }
        if !later.isEmpty {
            message += "; later phases did not run (\(later.joined(separator: ", ")))"
        }
        message += "; rerun the same command to resubmit the incomplete tasks"
        for line in Self.tail(of: log, lines: 8) {
            logger.error("\(log): \(line)")
        }
        // --fail-fast and an unwritable output keep their exit codes (65, 74) through Slurm.
        let code: WinnowError.Code = status == ExitCodes.failFast ? .failFast : (status == ExitCodes.ioError ? .io : .taskFailed)
        return WinnowError(code, message, scope: .run)
    }

    // MARK: - Helpers

    static func orderedPhases(_ arrays: [SlurmJobRecord.ArrayJob]) -> [String] {
        var phases: [String] = []
        for array in arrays where phases.last != array.phase { phases.append(array.phase) }
        return phases
    }

    static func array(of rank: Int, phase: String, in arrays: [SlurmJobRecord.ArrayJob]) -> SlurmJobRecord.ArrayJob? {
        arrays.first { array in
            array.phase == phase && rank >= array.offset
                && (SlurmOutput.arrayIndices(array.array)?.contains(rank - array.offset) ?? false)
        }
    }

    /// The last `count` non-empty lines of a (small) log file; none when it cannot be read.
    static func tail(of path: String, lines count: Int) -> [String] {
        guard let size = try? FileSystem.fileSize(path), size > 0 else { return [] }
        let start = max(0, size - 16_384)
        guard let bytes = try? FileSystem.readRange(path, offset: start, count: Int(size - start)) else { return [] }
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.suffix(count).map(String.init)
    }

    static func absolutePath(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory + path : "\(directory)/\(path)")
    }

    static func stats(_ layout: RunLayout, seconds: Double) throws -> RunStats {
        var stats = try JSONCoding.decode(RunStats.self, from: try RunFiles.readRunFile(layout.statsFile, what: "stats"))
        stats.wallSeconds = seconds
        return stats
    }
}
