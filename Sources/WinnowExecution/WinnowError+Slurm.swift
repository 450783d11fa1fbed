public import WinnowCore

extension WinnowError.Code {
    /// A Slurm command (`sbatch`, `squeue`, `scontrol`) failed, or printed something Winnow cannot read.
    public static let slurm: WinnowError.Code = "slurm"
    /// `winnow run --executor slurm --wait` gave up waiting; the jobs keep running.
    public static let waitTimeout: WinnowError.Code = "wait-timeout"
}
