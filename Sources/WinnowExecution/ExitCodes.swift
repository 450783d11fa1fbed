public import WinnowCore

/// The exit codes of `winnow`, after BSD's sysexits.h. Documented in the README.
public enum ExitCodes {
    public static let success: Int32 = 0
    /// A task failed (its error is printed); rerun to resume.
    public static let taskFailed: Int32 = 1
    /// `winnow verify` or `winnow verify-proof` found a mismatch.
    public static let verificationFailed: Int32 = 3
    /// Command-line usage error.
    public static let usage: Int32 = 64
    /// `--fail-fast` stopped at a rejected record.
    public static let failFast: Int32 = 65
    /// An input is missing or a pattern matches nothing.
    public static let noInput: Int32 = 66
    /// Internal inconsistency (a bug, or a damaged work directory).
    public static let software: Int32 = 70
    /// The output cannot be created or written.
    public static let ioError: Int32 = 74
    /// Another run holds the output directory's lock (cron overlap); try again later.
    public static let locked: Int32 = 75
    /// Stopped by SIGTERM (or Slurm's pre-timeout signal); rerun to resume (128 + SIGTERM, as a shell
    /// reports a process killed by SIGTERM).
    public static let interrupted: Int32 = 143
    /// Stopped by SIGINT (Ctrl-C); rerun to resume (128 + SIGINT).
    public static let interruptedByInterrupt: Int32 = 130
    /// Invalid configuration: the plan does not validate, or the output directory holds another plan's run.
    public static let config: Int32 = 78

    /// The exit code for an error.
    public static func code(for error: WinnowError) -> Int32 {
        switch error.code {
        case .failFast: return failFast
        case .locked: return locked
        case .interrupted: return Interruption.signal?.number == Interruption.interruptSignal ? interruptedByInterrupt : interrupted
        case .verificationFailed, .corruptStream: return verificationFailed
        case .noInput: return noInput
        case .invalidPlan, .unknownStage, .unknownPipeline: return config
        case .invalidArgument: return usage
        case .io: return ioError
        case .internalInconsistency: return software
        default: return taskFailed
        }
    }

    /// The error code that a task subprocess's exit `status` stands for (the task printed its error).
    static func errorCode(forTaskStatus status: Int32) -> WinnowError.Code {
        switch status {
        case failFast: return .failFast
        case ioError: return .io
        case interrupted, interruptedByInterrupt: return .interrupted
        case locked: return .locked
        case config: return .invalidPlan
        case software: return .internalInconsistency
        default: return .taskFailed
        }
    }
}
