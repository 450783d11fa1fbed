/// How ``SlurmExecutor`` submits a run: the task count, the resources each array task asks for, and
/// whether (and how long) to wait for the jobs.
public struct SlurmOptions: Sendable, Hashable {
    /// Tasks per phase (the world size); every phase is one job array of this many tasks (or several, see
    /// ``SlurmArrayChunk``).
    public var tasks: Int
    /// `sbatch --partition`; nil: the cluster's default partition.
    public var partition: String?
    /// `sbatch --time` of each array task (`MM`, `HH:MM:SS`, `D-HH`, ...); nil: the partition's default.
    public var time: String?
    /// `sbatch --mem` of each array task (`4G`, `16000M`); nil: the partition's default.
    public var memory: String?
    /// `sbatch --cpus-per-task`; nil: the cluster's default (one).
    public var cpusPerTask: Int?
    /// At most this many tasks of one array run at once (`--array=...%N`); nil: no limit.
    public var maxConcurrent: Int?
    /// Further `sbatch` arguments, given to every submission as they are (`--account=proj`, `--qos=low`).
    public var extraArguments: [String]
    /// The largest array (and index range) to submit; nil: ask the cluster (`scontrol show config`).
    public var maxArraySize: Int?
    /// Wait for the jobs to finish and check them, instead of returning once they are submitted.
    public var wait: Bool
    /// With ``wait``: give up waiting after this many seconds (the jobs keep running).
    public var waitTimeoutSeconds: Double
    /// With ``wait``: seconds between two `squeue` polls.
    public var pollIntervalSeconds: Double
    /// Ask Slurm for SIGUSR1 this many seconds before each task's time limit (`sbatch --signal=B:USR1@N
    /// --requeue`): the task stops cleanly and requeues itself (``SlurmRequeue``); nil: no such signal.
    public var signalBeforeTimeoutSeconds: Int?

    public init(
        tasks: Int, partition: String? = nil, time: String? = nil, memory: String? = nil, cpusPerTask: Int? = nil,
        maxConcurrent: Int? = nil, extraArguments: [String] = [], maxArraySize: Int? = nil, wait: Bool = false,
        waitTimeoutSeconds: Double = 86_400, pollIntervalSeconds: Double = 0.5, signalBeforeTimeoutSeconds: Int? = nil
    ) {
        self.signalBeforeTimeoutSeconds = signalBeforeTimeoutSeconds
        self.tasks = tasks
        self.partition = partition
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
        self.maxConcurrent = maxConcurrent
        self.extraArguments = extraArguments
        self.maxArraySize = maxArraySize
        self.wait = wait
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }

    /// The problems with these options, as messages for the user (empty when they are usable).
    public var problems: [String] {
        var problems: [String] = []
        if tasks < 1 { problems.append("--tasks must be at least 1") }
        if let cpusPerTask, cpusPerTask < 1 { problems.append("--cpus-per-task must be at least 1") }
        if let maxConcurrent, maxConcurrent < 1 { problems.append("--max-concurrent must be at least 1") }
        if let maxArraySize, maxArraySize < 1 { problems.append("--max-array-size must be at least 1") }
        if !(waitTimeoutSeconds > 0) { problems.append("--wait-timeout must be more than 0 seconds") }
        if let seconds = signalBeforeTimeoutSeconds, !(1...65_535).contains(seconds) {
            problems.append("--signal-before must be between 1 and 65535 seconds (sbatch --signal's range)")
        }
        if !(pollIntervalSeconds > 0) { problems.append("the poll interval must be more than 0 seconds") }
        for (name, value) in [("--partition", partition), ("--time", time), ("--mem", memory)] {
            if let value, value.isEmpty || value.contains(where: { $0.isWhitespace || $0.isNewline }) {
                problems.append("\(name) must be a single word")
            }
        }
        return problems
    }
}
