/// What one `winnow run --executor slurm` submits, as plain data: for each phase that has incomplete tasks,
/// one job array per chunk of its incomplete ranks (``SlurmArrayChunk``), in phase order. Every array of a
/// phase waits for every array of the previous submitted phase with `--dependency=afterok:A:B` (colons: in
/// Slurm `afterok:A,B` means "afterok:A and afterany:B", so B's failure would not stop the phase) and
/// `--kill-on-invalid-dep=yes`, so that a failed task cancels the phases after it instead of leaving them
/// pending forever on clusters without `kill_invalid_depend`. Phases that are complete are not submitted, and
/// the first submitted phase waits for nothing: a rerun resubmits only what is missing.
public struct SlurmSubmissionPlan: Sendable {
    /// One `sbatch` of the plan.
    public struct ArrayRequest: Sendable, Hashable {
        public var phase: String
        public var chunk: SlurmArrayChunk
    }

    public let layout: RunLayout
    public let world: Int
    /// The arrays to submit, grouped by phase, in phase order; phases without incomplete ranks are absent.
    public let phases: [[ArrayRequest]]

    /// - Parameters:
    ///   - layout: the run directory (an absolute path: the job scripts use it from any working directory).
    ///   - world: tasks per phase.
    ///   - incomplete: each phase, in order, with its ranks that have no completion marker.
    ///   - arrayWidth: the largest array the cluster accepts, `min(MaxArraySize, max_array_tasks)`.
    public init(layout: RunLayout, world: Int, incomplete: [(phase: String, ranks: [Int])], arrayWidth: Int) {
        self.layout = layout
        self.world = world
        self.phases = incomplete.compactMap { phase in
            let chunks = SlurmArrayChunk.chunks(ranks: phase.ranks, width: arrayWidth)
            return chunks.isEmpty ? nil : chunks.map { ArrayRequest(phase: phase.phase, chunk: $0) }
        }
    }

    /// True when every phase is complete.
    public var isEmpty: Bool { phases.isEmpty }

    /// The `sbatch` arguments of `request`, waiting for `dependencies` (job ids; none for the first phase).
    /// The job script gets the chunk's rank offset as its argument.
    public func sbatchArguments(
        for request: ArrayRequest, dependencies: [Int], options: SlurmOptions, jobName: String, workingDirectory: String
    ) -> [String] {
        let output = layout.slurmOutputPattern(phase: request.phase, offset: request.chunk.offset)
        var arguments = [
            "--parsable",
            "--job-name=\(jobName)",
            "--array=\(request.chunk.arraySpecification(maxConcurrent: options.maxConcurrent))",
            "--output=\(output)",
            "--error=\(output)",
            "--open-mode=append",
            "--export=ALL",
            "--chdir=\(workingDirectory)",
            "--kill-on-invalid-dep=yes",
        ]
        if let dependency = Self.dependency(on: dependencies) { arguments.append(dependency) }
        if let partition = options.partition { arguments.append("--partition=\(partition)") }
        if let time = options.time { arguments.append("--time=\(time)") }
        if let memory = options.memory { arguments.append("--mem=\(memory)") }
        if let cpus = options.cpusPerTask { arguments.append("--cpus-per-task=\(cpus)") }
        if let seconds = options.signalBeforeTimeoutSeconds {
            // B: to the job script only, which is `winnow task` (exec); --requeue lets it requeue itself.
            arguments.append(contentsOf: ["--signal=B:USR1@\(seconds)", "--requeue"])
        }
        arguments.append(contentsOf: options.extraArguments)
        arguments.append(layout.slurmScript(phase: request.phase))
        arguments.append(String(request.chunk.offset))
        return arguments
    }

    /// `--dependency=afterok:A:B:...` (job ids ascending), or nil without dependencies.
    public static func dependency(on jobIDs: [Int]) -> String? {
        jobIDs.isEmpty ? nil : "--dependency=afterok:" + jobIDs.sorted().map(String.init).joined(separator: ":")
    }

    /// Submits every array in order through `submit` (which runs `sbatch` with the arguments and returns the
    /// job id) and hands each submitted array to `recorded` at once, so that a failure half-way leaves a
    /// record of what was submitted. Returns the submitted arrays.
    public func submit(
        options: SlurmOptions, jobName: (String) -> String, workingDirectory: String,
        submit: (ArrayRequest, [String]) throws -> Int, recorded: (SlurmJobRecord.ArrayJob) throws -> Void
    ) throws -> [SlurmJobRecord.ArrayJob] {
        var submitted: [SlurmJobRecord.ArrayJob] = []
        var previous: [Int] = []
        for requests in phases {
            var current: [Int] = []
            for request in requests {
                let arguments = sbatchArguments(
                    for: request, dependencies: previous, options: options, jobName: jobName(request.phase), workingDirectory: workingDirectory)
                let id = try submit(request, arguments)
                let job = SlurmJobRecord.ArrayJob(
                    phase: request.phase, jobID: id, offset: request.chunk.offset,
                    array: request.chunk.arraySpecification(maxConcurrent: options.maxConcurrent), dependencies: previous.sorted())
                submitted.append(job)
                try recorded(job)
                current.append(id)
            }
            previous = current
        }
        return submitted
    }

    /// The job script of `phase`: runs `winnow task` for rank `offset + SLURM_ARRAY_TASK_ID`, where the
    /// offset is the script's first argument.
    public func script(phase: String, executable: String, failFast: Bool, signingKeyPath: String?) -> String {
        let q = Self.shellQuoted
        var command = "exec \(q(executable)) task --run \"$run\" --phase \"$phase\" --rank \"$rank\" --world \"$world\""
        if failFast { command += " --fail-fast" }
        if let signingKeyPath { command += " --sign-key \(q(signingKeyPath))" }
        return """
            #!/bin/bash
            # Job script of phase \(Self.commentSafe(phase)) of a Winnow run, written by `winnow run --executor slurm`.
            # Each array task runs one rank: rank = offset + SLURM_ARRAY_TASK_ID, the offset being this script's
            # first argument (0 unless the phase is split into several arrays, see SlurmArrayChunk).
            set -u
            run=\(q(layout.root))
            phase=\(q(phase))
            logs=\(q(layout.logDirectory(phase: phase)))
            world=\(world)
            offset="${1:-0}"
            index="${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task}"
            rank=$((offset + index))
            if [ "$offset" != 0 ]; then
                ln -f "$logs/chunk-$offset/index-$index.out" "$logs/rank-$rank.out" 2>/dev/null || true
            fi
            echo "winnow: phase $phase, rank $rank of $world, job ${SLURM_ARRAY_JOB_ID:-?}_$index on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >&2
            \(command)

            """
    }

    /// `text` in single quotes for the shell (a quote inside becomes `'\''`).
    public static func shellQuoted(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            quoted += character == "'" ? "'\\''" : String(character)
        }
        return quoted + "'"
    }

    private static func commentSafe(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
