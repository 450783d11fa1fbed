/// Where the Slurm executor keeps its files in a run directory:
///
/// ```
/// DIR/logs/<phase>/rank-R.out                   standard output and error of task R (appended on reruns)
/// DIR/logs/<phase>/chunk-K/index-I.out          the same, for rank K + I of a chunked array (see SlurmArrayChunk;
///                                               rank-R.out is a hard link to it)
/// DIR/work/slurm/<phase>.sh                     the job script of the phase
/// DIR/work/slurm/jobs.json                      the job ids of every submission (SlurmJobRecord)
/// ```
///
/// Phase names containing `/` use `~` in paths, as the markers do.
extension RunLayout {
    public var logsDirectory: String { "\(root)/logs" }

    public func logDirectory(phase: String) -> String { "\(logsDirectory)/\(Self.safePhase(phase))" }

    public var slurmDirectory: String { "\(workDirectory)/slurm" }

    public var slurmJobsFile: String { "\(slurmDirectory)/jobs.json" }

    public func slurmScript(phase: String) -> String { "\(slurmDirectory)/\(Self.safePhase(phase)).sh" }

    /// The `sbatch --output` pattern of an array of `phase` whose index 0 is rank `offset`.
    public func slurmOutputPattern(phase: String, offset: Int) -> String {
        offset == 0 ? "\(logDirectory(phase: phase))/rank-%a.out" : "\(logDirectory(phase: phase))/chunk-\(offset)/index-%a.out"
    }

    /// The log file of task `rank` of `phase`, submitted in an array whose index 0 is rank `offset`.
    public func slurmLogFile(phase: String, rank: Int, offset: Int) -> String {
        offset == 0 ? "\(logDirectory(phase: phase))/rank-\(rank).out" : "\(logDirectory(phase: phase))/chunk-\(offset)/index-\(rank - offset).out"
    }
}
