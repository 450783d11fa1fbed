internal import Foundation
internal import WinnowCore

/// Slurm's pre-timeout signal. `winnow run --executor slurm --signal-before N` submits every array with
/// `sbatch --signal=B:USR1@N --requeue`: N seconds before a task's time limit Slurm sends SIGUSR1 to the job
/// script, which is `winnow task` itself (the script `exec`s it). The task stops like after SIGTERM — what it
/// committed stays, nothing partial appears — and then asks Slurm to requeue it (`scontrol requeue`), so the
/// array task runs again later, skips the work units it committed, and the phases after it (which wait
/// `afterok` for the whole array) still start once it completes.
public enum SlurmRequeue {
    /// The id of the Slurm job this process runs in (for an array task, its own job id), or nil outside Slurm.
    public static func currentJobID() -> String? {
        currentJobID(environment: ProcessInfo.processInfo.environment)
    }

    /// The id of the Slurm job that `environment` describes (`SLURM_JOB_ID`), or nil.
    public static func currentJobID(environment: [String: String]) -> String? {
        guard let id = environment["SLURM_JOB_ID"], !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
        return id
    }

    /// Requeues job `id` with `scontrol requeue`; throws a `slurm` error naming the job when Slurm refuses.
    public static func requeue(jobID id: String, client: SlurmClient = .system(timeoutSeconds: 60)) throws {
        let result = try client.run("scontrol", ["requeue", id])
        guard result.status == 0 else {
            throw WinnowError(
                .slurm,
                "scontrol requeue \(id) failed with status \(result.status): \(SlurmClient.firstLines(result.errorOutput.isEmpty ? result.output : result.errorOutput)); rerun `winnow run` to resubmit the task",
                scope: .task)
        }
    }
}
