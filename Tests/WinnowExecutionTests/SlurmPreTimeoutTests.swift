import Testing
import Winnow

/// `--signal-before`: Slurm's pre-timeout signal and the task's requeue.
@Suite struct SlurmPreTimeoutTests {
    @Test func signalBeforeAsksForUSR1ToTheJobScriptAndRequeueing() throws {
        let plan = SlurmSubmissionPlan(
            layout: SlurmSubmissionPlanTests.layout, world: 2, incomplete: [("segment-0", [0, 1])], arrayWidth: 1001)
        let options = SlurmOptions(tasks: 2, time: "1:00:00", signalBeforeTimeoutSeconds: 300)
        let (arguments, _) = try SlurmSubmissionPlanTests.submitAll(plan, options: options)
        #expect(arguments.count == 1)
        #expect(Array(arguments[0].suffix(5)) == [
            "--time=1:00:00", "--signal=B:USR1@300", "--requeue", "/shared/runs/q/work/slurm/segment-0.sh", "0",
        ])
        let without = try SlurmSubmissionPlanTests.submitAll(plan, options: SlurmOptions(tasks: 2, time: "1:00:00"))
        #expect(without.arguments[0].allSatisfy { !$0.hasPrefix("--signal") && $0 != "--requeue" })
    }

    @Test(arguments: [0, -5, 65_536])
    func signalBeforeOutsideSbatchsRangeIsRefused(seconds: Int) {
        #expect(SlurmOptions(tasks: 2, signalBeforeTimeoutSeconds: seconds).problems == [
            "--signal-before must be between 1 and 65535 seconds (sbatch --signal's range)",
        ])
    }

    @Test func theJobIDComesFromSlurmsEnvironment() {
        #expect(SlurmRequeue.currentJobID(environment: ["SLURM_JOB_ID": "4711", "SLURM_ARRAY_JOB_ID": "4700"]) == "4711")
        #expect(SlurmRequeue.currentJobID(environment: [:]) == nil)
        #expect(SlurmRequeue.currentJobID(environment: ["SLURM_JOB_ID": "47; rm -rf /"]) == nil)
    }

    @Test func requeueRunsScontrolAndNamesTheJobWhenRefused() throws {
        let calls = Locked<[[String]]>([])
        let accepting = SlurmClient { tool, arguments in
            calls.withLock { $0.append([tool] + arguments) }
            return .init(status: 0, output: "", errorOutput: "")
        }
        try SlurmRequeue.requeue(jobID: "4711", client: accepting)
        #expect(calls.withLock { $0 } == [["scontrol", "requeue", "4711"]])

        let refusing = SlurmClient { _, _ in
            .init(status: 1, output: "", errorOutput: "scontrol: error: Requested operation is presently disabled for job 4711\n")
        }
        #expect {
            try SlurmRequeue.requeue(jobID: "4711", client: refusing)
        } throws: { error in
            let error = error as? WinnowError
            return error?.code == .slurm
                && error?.message == "scontrol requeue 4711 failed with status 1: scontrol: error: Requested operation is presently disabled for job 4711; rerun `winnow run` to resubmit the task"
        }
    }
}
