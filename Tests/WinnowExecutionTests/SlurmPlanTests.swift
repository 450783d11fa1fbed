import Foundation
import Synchronization
import Testing
import Winnow
import WinnowIO
import WinnowPipelines

/// The Slurm executor without a cluster: array chunking, sbatch arguments, the job script, parsing what the
/// Slurm commands print, and the executor's submissions and verdicts against a scripted `SlurmClient`.
/// The real cluster is exercised by Scripts/test-slurm.sh.
@Suite struct SlurmArrayChunkTests {
    @Test func aPhaseWithinTheLimitIsOneArrayWhoseIndicesAreTheRanks() {
        let chunks = SlurmArrayChunk.chunks(ranks: Array(0..<4), width: 1001)
        #expect(chunks == [SlurmArrayChunk(offset: 0, indices: [0, 1, 2, 3])])
        #expect(chunks[0].arraySpecification() == "0-3")
        #expect(chunks[0].arraySpecification(maxConcurrent: 2) == "0-3%2")
    }

    @Test func aPhaseLargerThanMaxArraySizeIsSplitIntoChunksWithOffsets() {
        // MaxArraySize 1001 allows indices 0...1000 and 1001 tasks per array.
        let chunks = SlurmArrayChunk.chunks(ranks: Array(0..<2500), width: 1001)
        #expect(chunks.map(\.offset) == [0, 1001, 2002])
        #expect(chunks.map { $0.arraySpecification() } == ["0-1000", "0-1000", "0-497"])
        #expect(chunks.allSatisfy { $0.indices.allSatisfy { $0 >= 0 && $0 <= 1000 } })
        #expect(chunks.flatMap(\.ranks) == Array(0..<2500))
    }

    @Test func exactlyMaxArraySizeTasksIsOneChunk() {
        let chunks = SlurmArrayChunk.chunks(ranks: Array(0..<1001), width: 1001)
        #expect(chunks.map { $0.arraySpecification() } == ["0-1000"])
        let more = SlurmArrayChunk.chunks(ranks: Array(0..<1002), width: 1001)
        #expect(more == [SlurmArrayChunk(offset: 0, indices: Array(0...1000)), SlurmArrayChunk(offset: 1001, indices: [0])])
    }

    @Test(arguments: [
        ([9, 3, 7, 3], "3,7,9"),
        ([0, 1, 2, 5, 6, 9], "0-2,5-6,9"),
        ([4], "4"),
        ([10, 11], "10-11"),
    ])
    func incompleteRanksBecomeAnIndexList(ranks: [Int], expected: String) throws {
        let chunks = SlurmArrayChunk.chunks(ranks: ranks, width: 1001)
        #expect(chunks.count == 1)
        let specification = chunks[0].arraySpecification()
        #expect(specification == expected)
        #expect(SlurmOutput.arrayIndices(specification) == Array(Set(ranks)).sorted())
    }

    @Test func incompleteRanksOfAChunkedPhaseKeepTheirChunk() {
        let chunks = SlurmArrayChunk.chunks(ranks: [1500, 3, 1001, 1000], width: 1001)
        #expect(chunks == [SlurmArrayChunk(offset: 0, indices: [3, 1000]), SlurmArrayChunk(offset: 1001, indices: [0, 499])])
        #expect(chunks.map { $0.arraySpecification() } == ["3,1000", "0,499"])
        #expect(chunks.flatMap(\.ranks) == [3, 1000, 1001, 1500])
    }

    @Test func noRanksNoChunks() {
        #expect(SlurmArrayChunk.chunks(ranks: [], width: 10).isEmpty)
    }
}

@Suite struct SlurmSubmissionPlanTests {
    static let layout = RunLayout(root: "/shared/runs/q")
    static let phases = ["segment-0", "dedup.exact/groups", "segment-1"]

    static func submitAll(_ plan: SlurmSubmissionPlan, options: SlurmOptions) throws -> (arguments: [[String]], jobs: [SlurmJobRecord.ArrayJob]) {
        var arguments: [[String]] = []
        var next = 100
        var recorded: [SlurmJobRecord.ArrayJob] = []
        let jobs = try plan.submit(
            options: options, jobName: { "winnow-q-\($0)" }, workingDirectory: "/home/me",
            submit: { _, args in
                arguments.append(args)
                next += 1
                return next - 1
            },
            recorded: { recorded.append($0) })
        #expect(recorded == jobs)
        return (arguments, jobs)
    }

    @Test func everyPhaseIsOneArrayChainedWithAfterokAndKillOnInvalidDep() throws {
        let plan = SlurmSubmissionPlan(
            layout: Self.layout, world: 4, incomplete: Self.phases.map { ($0, Array(0..<4)) }, arrayWidth: 1001)
        let options = SlurmOptions(tasks: 4, partition: "debug", time: "10:00", memory: "2G", cpusPerTask: 2, extraArguments: ["--account=proj"])
        let (arguments, jobs) = try Self.submitAll(plan, options: options)
        #expect(arguments.count == 3)
        #expect(arguments[0] == [
            "--parsable", "--job-name=winnow-q-segment-0", "--array=0-3",
            "--output=/shared/runs/q/logs/segment-0/rank-%a.out", "--error=/shared/runs/q/logs/segment-0/rank-%a.out",
            "--open-mode=append", "--export=ALL", "--chdir=/home/me", "--kill-on-invalid-dep=yes",
            "--partition=debug", "--time=10:00", "--mem=2G", "--cpus-per-task=2", "--account=proj",
            "/shared/runs/q/work/slurm/segment-0.sh", "0",
        ])
        #expect(arguments[1].contains("--dependency=afterok:100"))
        #expect(arguments[1].contains("--output=/shared/runs/q/logs/dedup.exact~groups/rank-%a.out"))
        #expect(arguments[1].suffix(2) == ["/shared/runs/q/work/slurm/dedup.exact~groups.sh", "0"])
        #expect(arguments[2].contains("--dependency=afterok:101"))
        #expect(arguments.allSatisfy { $0.contains("--kill-on-invalid-dep=yes") })
        #expect(arguments.allSatisfy { $0.filter { $0.hasPrefix("--dependency") }.allSatisfy { !$0.contains(",") } })
        #expect(jobs.map(\.jobID) == [100, 101, 102])
        #expect(jobs.map(\.dependencies) == [[], [100], [101]])
    }

    @Test func chunkedPhasesDependOnEveryChunkOfThePreviousPhaseWithColons() throws {
        // A cluster that allows arrays of 3: 4 tasks become chunks 0-2 (offset 0) and 0 (offset 3).
        let plan = SlurmSubmissionPlan(
            layout: Self.layout, world: 4, incomplete: Self.phases.map { ($0, Array(0..<4)) }, arrayWidth: 3)
        let (arguments, jobs) = try Self.submitAll(plan, options: SlurmOptions(tasks: 4, maxConcurrent: 2))
        #expect(arguments.count == 6)
        #expect(jobs.map(\.offset) == [0, 3, 0, 3, 0, 3])
        #expect(jobs.map(\.array) == ["0-2%2", "0%2", "0-2%2", "0%2", "0-2%2", "0%2"])
        #expect(arguments[1].contains("--array=0%2"))
        #expect(arguments[1].contains("--output=/shared/runs/q/logs/segment-0/chunk-3/index-%a.out"))
        #expect(arguments[1].suffix(2) == ["/shared/runs/q/work/slurm/segment-0.sh", "3"])
        #expect(!arguments[0].contains { $0.hasPrefix("--dependency") })
        #expect(!arguments[1].contains { $0.hasPrefix("--dependency") })
        #expect(arguments[2].contains("--dependency=afterok:100:101"))
        #expect(arguments[3].contains("--dependency=afterok:100:101"))
        #expect(arguments[4].contains("--dependency=afterok:102:103"))
        #expect(arguments[5].contains("--dependency=afterok:102:103"))
    }

    @Test func aRerunSubmitsOnlyIncompleteTasksAndSkipsCompletePhases() throws {
        let plan = SlurmSubmissionPlan(
            layout: Self.layout, world: 8,
            incomplete: [("segment-0", []), ("dedup.exact/groups", [3, 7, 9 - 4]), ("segment-1", Array(0..<8))], arrayWidth: 1001)
        let (arguments, jobs) = try Self.submitAll(plan, options: SlurmOptions(tasks: 8))
        #expect(jobs.map(\.phase) == ["dedup.exact/groups", "segment-1"])
        #expect(arguments[0].contains("--array=3,5,7"))
        #expect(!arguments[0].contains { $0.hasPrefix("--dependency") })
        #expect(arguments[1].contains("--array=0-7"))
        #expect(arguments[1].contains("--dependency=afterok:100"))
    }

    @Test func aCompleteRunHasNothingToSubmit() {
        let plan = SlurmSubmissionPlan(layout: Self.layout, world: 2, incomplete: Self.phases.map { ($0, []) }, arrayWidth: 1001)
        #expect(plan.isEmpty)
    }

    @Test func dependencyListsJobIDsAscendingWithColons() {
        #expect(SlurmSubmissionPlan.dependency(on: [12, 7, 30]) == "--dependency=afterok:7:12:30")
        #expect(SlurmSubmissionPlan.dependency(on: [5]) == "--dependency=afterok:5")
        #expect(SlurmSubmissionPlan.dependency(on: []) == nil)
    }

    @Test func shellQuotingSurvivesQuotesAndSpaces() {
        #expect(SlurmSubmissionPlan.shellQuoted("/a b/it's") == "'/a b/it'\\''s'")
        #expect(SlurmSubmissionPlan.shellQuoted("") == "''")
    }

    /// Runs the job script with bash, `/bin/echo` standing in for winnow: the printed command shows the rank.
    @Test(arguments: [(offset: 0, index: 2, rank: 2), (offset: 1001, index: 5, rank: 1006)])
    func theJobScriptRunsRankOffsetPlusArrayIndex(offset: Int, index: Int, rank: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let layout = RunLayout(root: "\(directory.path)/it's a run")
        let plan = SlurmSubmissionPlan(layout: layout, world: 2500, incomplete: [("dedup.exact/groups", [rank])], arrayWidth: 1001)
        let script = plan.script(phase: "dedup.exact/groups", executable: "/bin/echo", failFast: true, signingKeyPath: "/keys/k ey")
        #expect(script.hasPrefix("#!/bin/bash\n"))
        let path = try directory.write("job.sh", script)
        try FileSystem.createDirectory("\(layout.logDirectory(phase: "dedup.exact/groups"))/chunk-\(offset)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path, String(offset)]
        process.environment = ["SLURM_ARRAY_TASK_ID": String(index), "SLURM_ARRAY_JOB_ID": "77", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self)
            == "task --run \(layout.root) --phase dedup.exact/groups --rank \(rank) --world 2500 --fail-fast --sign-key /keys/k ey\n")
    }
}

@Suite struct SlurmOutputTests {
    @Test(arguments: [("12345\n", 12345), ("12345;cluster\n", 12345), ("7", 7), ("  42;a-b \n\n", 42)])
    func sbatchParsableOutput(output: String, expected: Int) throws {
        #expect(try SlurmOutput.jobID(fromParsable: output) == expected)
    }

    @Test(arguments: ["", "Submitted batch job 5\n", "abc\n", "12\n13\n", "-3\n", "0\n", ";cluster\n"])
    func sbatchOutputThatIsNotAJobIDIsAnError(output: String) {
        #expect {
            _ = try SlurmOutput.jobID(fromParsable: output)
        } throws: { ($0 as? WinnowError)?.code == .slurm }
    }

    @Test func squeueLinesOfArrayTasksJobsAndPendingArrays() throws {
        let output = "12_0 COMPLETED\n12_1 FAILED NonZeroExitCode\n13_[0-2,5%2] PENDING\n14 RUNNING\n\n15_10 CANCELLED DependencyNeverSatisfied\n"
        let states = try SlurmOutput.taskStates(output)
        #expect(states == [
            SlurmTaskState(jobID: 12, index: 0, state: .completed),
            SlurmTaskState(jobID: 12, index: 1, state: .failed, detail: "NonZeroExitCode"),
            SlurmTaskState(jobID: 13, index: 0, state: .pending),
            SlurmTaskState(jobID: 13, index: 1, state: .pending),
            SlurmTaskState(jobID: 13, index: 2, state: .pending),
            SlurmTaskState(jobID: 13, index: 5, state: .pending),
            SlurmTaskState(jobID: 14, index: nil, state: .running),
            SlurmTaskState(jobID: 15, index: 10, state: .cancelled, detail: "DependencyNeverSatisfied"),
        ])
    }

    @Test func squeueCommandColumnKeepsSpaces() throws {
        let states = try SlurmOutput.taskStates("11_2 PENDING /runs/a b/work/slurm/segment-0.sh 0\n")
        #expect(states == [SlurmTaskState(jobID: 11, index: 2, state: .pending, detail: "/runs/a b/work/slurm/segment-0.sh 0")])
    }

    @Test(arguments: ["12_x RUNNING\n", "abc RUNNING\n", "12\n", "12_[1-] PENDING\n", "12_[3-1] PENDING\n"])
    func malformedSqueueLinesAreErrors(output: String) {
        #expect {
            _ = try SlurmOutput.taskStates(output)
        } throws: { ($0 as? WinnowError)?.code == .slurm }
    }

    @Test func arraySpecificationsWithStepsAndLimits() {
        #expect(SlurmOutput.arrayIndices("0-3,7,9-15:2%4") == [0, 1, 2, 3, 7, 9, 11, 13, 15])
        #expect(SlurmOutput.arrayIndices("5,1,5") == [1, 5])
        #expect(SlurmOutput.arrayIndices("1-") == nil)
        #expect(SlurmOutput.arrayIndices("0-3%") == nil)
        #expect(SlurmOutput.arrayIndices("") == nil)
    }

    @Test func arrayLimitsFromScontrolShowConfig() {
        let config = """
            Configuration data as of 2026-11-25T18:13:04
            AccountingStorageType   = accounting_storage/none
            MaxArraySize            = 1001
            MaxJobCount             = 10000
            SchedulerParameters     = batch_sched_delay=0,max_array_tasks=500
            """
        let limits = SlurmOutput.arrayLimits(fromConfig: config)
        #expect(limits.maxArraySize == 1001)
        #expect(limits.maxArrayTasks == 500)
        let bare = SlurmOutput.arrayLimits(fromConfig: "MaxArraySize = 10001\nSchedulerParameters = (null)\n")
        #expect(bare.maxArraySize == 10001)
        #expect(bare.maxArrayTasks == nil)
        #expect(SlurmOutput.arrayLimits(fromConfig: "").maxArraySize == nil)
    }

    @Test func exitStatusFromScontrolShowJob() {
        let line = "JobId=9 ArrayJobId=8 ArrayTaskId=1 JobName=x JobState=FAILED Reason=NonZeroExitCode Dependency=(null) ExitCode=65:0 RunTime=00:00:01"
        #expect(SlurmOutput.exitStatus(fromShowJob: line) == 65)
        #expect(SlurmOutput.exitStatus(fromShowJob: "JobId=9 ExitCode=0:9") == 0)
        #expect(SlurmOutput.exitStatus(fromShowJob: "JobId=9") == nil)
    }

    @Test func finalAndFailedStates() {
        #expect(SlurmJobState.completed.isFinal && !SlurmJobState.completed.isFailure)
        for state: SlurmJobState in [.failed, .cancelled, .timeout, .outOfMemory, .nodeFail, .preempted, .bootFail, .deadline] {
            #expect(state.isFinal && state.isFailure)
        }
        for state: SlurmJobState in [.pending, .running, .completing, "SUSPENDED", "REQUEUED"] {
            #expect(!state.isFinal && !state.isFailure)
        }
    }
}

@Suite struct RunMarkerTests {
    @Test func completedAndIncompleteRanksFromMarkerNames() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let layout = RunLayout(root: directory.path)
        for (rank, world) in [(0, 4), (2, 4), (1, 2)] {
            _ = try directory.write(String(layout.markerFile(phase: "dedup.exact/groups", rank: rank, worldSize: world).dropFirst(directory.path.count + 1)), "done\n")
        }
        let markers = "\(directory.path)/work/markers/dedup.exact~groups"
        _ = try directory.write(String("\(markers)/rank-00003-of-00004.done.tmp-1".dropFirst(directory.path.count + 1)), "")
        _ = try directory.write(String("\(markers)/rank-00009-of-00004.done".dropFirst(directory.path.count + 1)), "")
        #expect(try layout.completedRanks(phase: "dedup.exact/groups") == [4: [0, 2], 2: [1]])
        #expect(try layout.incompleteRanks(phase: "dedup.exact/groups", world: 4) == [1, 3])
        #expect(try layout.incompleteRanks(phase: "dedup.exact/groups", world: 2) == [0])
        #expect(try layout.incompleteRanks(phase: "segment-0", world: 3) == [0, 1, 2])
    }
}

/// A Slurm cluster as a script: records every command, answers from a table.
final class ScriptedSlurm: Sendable {
    struct State {
        var calls: [(tool: String, arguments: [String])] = []
        var nextJob = 500
        var queue = ""
        var finalStates = ""
        var showJob = ""
        var refuseSbatchAfter: Int? = nil
    }

    let state = Mutex(State())

    var client: SlurmClient {
        SlurmClient { tool, arguments in
            self.state.withLock { state in
                state.calls.append((tool, arguments))
                switch tool {
                case "sbatch":
                    if let limit = state.refuseSbatchAfter, state.calls.filter({ $0.tool == "sbatch" }).count > limit {
                        return .init(status: 1, output: "", errorOutput: "sbatch: error: invalid partition specified: nope\n")
                    }
                    state.nextJob += 1
                    return .init(status: 0, output: "\(state.nextJob - 1);local\n", errorOutput: "")
                case "squeue":
                    return .init(status: 0, output: arguments.contains("--states=all") ? state.finalStates : state.queue, errorOutput: "")
                case "scontrol":
                    return .init(status: 0, output: arguments.first == "show" ? "MaxArraySize = 1001\n" : state.showJob, errorOutput: "")
                default:
                    return .init(status: 0, output: "", errorOutput: "")
                }
            }
        }
    }

    var sbatchCalls: [[String]] { state.withLock { $0.calls.filter { $0.tool == "sbatch" }.map(\.arguments) } }
    var tools: [String] { state.withLock { $0.calls.map(\.tool) } }
}

@Suite struct SlurmExecutorTests {
    static func executor(_ slurm: ScriptedSlurm, tasks: Int = 4, wait: Bool = false, partition: String? = nil) -> SlurmExecutor {
        SlurmExecutor(
            options: SlurmOptions(tasks: tasks, partition: partition, wait: wait, waitTimeoutSeconds: 60, pollIntervalSeconds: 0.01),
            executable: "/opt/winnow/bin/winnow", workingDirectory: Fixtures.packageRoot, registry: Pipelines.registry,
            client: slurm.client, logger: Fixtures.logger)
    }

    static func markAll(_ layout: RunLayout, phase: String, ranks: [Int], world: Int) throws {
        for rank in ranks {
            let marker = layout.markerFile(phase: phase, rank: rank, worldSize: world)
            try FileSystem.createDirectory(FileSystem.parentDirectory(of: marker))
            try FileSystem.writeFileAtomically(marker, Array("done\n".utf8))
        }
    }

    @Test func submitsEveryPhaseRecordsTheJobsAndResubmitsOnlyIncompleteTasks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pipeline = try Fixtures.quickstart(output: directory.path)
        let phases = ExecutionPhase.phases(of: pipeline.stages).map(\.name)
        let layout = RunLayout(root: directory.path)
        let slurm = ScriptedSlurm()

        guard case let .submitted(runDirectory, arrays) = try Self.executor(slurm).run(pipeline) else {
            Issue.record("expected a submission")
            return
        }
        #expect(runDirectory == directory.path)
        #expect(arrays.map(\.phase) == phases)
        #expect(arrays.map(\.jobID) == Array(500..<(500 + phases.count)))
        #expect(arrays.map(\.array) == Array(repeating: "0-3", count: phases.count))
        #expect(arrays.map(\.dependencies) == [[]] + (500..<(500 + phases.count - 1)).map { [$0] })
        let calls = slurm.sbatchCalls
        #expect(calls.count == phases.count)
        #expect(calls[1].contains("--dependency=afterok:500"))
        #expect(calls.allSatisfy { $0.contains("--kill-on-invalid-dep=yes") && $0.contains("--chdir=\(Fixtures.packageRoot)") })
        let record = try SlurmJobRecord.load(layout)
        #expect(record.submissions.count == 1)
        #expect(record.submissions[0].world == 4)
        #expect(record.submissions[0].arrays == arrays)
        for phase in phases {
            let script = String(decoding: try FileSystem.readFile(layout.slurmScript(phase: phase)), as: UTF8.self)
            #expect(script.contains("exec '/opt/winnow/bin/winnow' task --run \"$run\""))
            #expect(script.contains("phase='\(phase)'"))
            #expect(try FileSystem.isDirectory(layout.logDirectory(phase: phase)))
        }
        #expect(try FileSystem.fileExists(layout.planFile))

        // The first phase completed, the second half of it; the rest never ran.
        try Self.markAll(layout, phase: phases[0], ranks: [0, 1, 2, 3], world: 4)
        try Self.markAll(layout, phase: phases[1], ranks: [0, 2], world: 4)
        let rerun = ScriptedSlurm()
        guard case let .submitted(_, again) = try Self.executor(rerun).run(pipeline) else {
            Issue.record("expected a submission")
            return
        }
        #expect(again.map(\.phase) == Array(phases.dropFirst()))
        #expect(again[0].array == "1,3")
        #expect(again[0].dependencies == [])
        #expect(again[1].array == "0-3")
        #expect(again[1].dependencies == [again[0].jobID])
        // The rerun asked squeue whether the first submission's jobs were still active.
        #expect(rerun.tools.first == "squeue")
        #expect(try SlurmJobRecord.load(layout).submissions.count == 2)
    }

    @Test func refusesToSubmitWhileJobsOfAnEarlierSubmissionAreQueued() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pipeline = try Fixtures.quickstart(output: directory.path)
        let layout = RunLayout(root: directory.path)
        _ = try Self.executor(ScriptedSlurm()).run(pipeline)

        // A job with the same id that runs another run's script is not ours: the submission goes ahead.
        let unrelated = ScriptedSlurm()
        unrelated.state.withLock { $0.queue = "500_0 RUNNING /elsewhere/work/slurm/segment-0.sh 0\n" }
        _ = try Self.executor(unrelated).run(pipeline)
        #expect(unrelated.sbatchCalls.count > 0)

        let busy = ScriptedSlurm()
        busy.state.withLock { $0.queue = "500_[2-3] PENDING \(layout.slurmScript(phase: "segment-0")) 0\n" }
        #expect {
            _ = try Self.executor(busy).run(pipeline)
        } throws: { error in
            guard let error = error as? WinnowError, error.code == .locked else { return false }
            return error.message.hasPrefix("jobs 500 of an earlier submission")
        }
        #expect(busy.sbatchCalls.isEmpty)
    }

    @Test func aFailedTaskNamesItsPhaseRankStateAndLogAndTheLaterPhases() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pipeline = try Fixtures.quickstart(output: directory.path)
        let phases = ExecutionPhase.phases(of: pipeline.stages).map(\.name)
        let layout = RunLayout(root: directory.path)
        let slurm = ScriptedSlurm()
        // Phase 0 completes; task 2 of phase 1 fails; Slurm cancels every later phase.
        try Self.markAll(layout, phase: phases[0], ranks: [0, 1, 2, 3], world: 4)
        try Self.markAll(layout, phase: phases[1], ranks: [0, 1, 3], world: 4)
        var final = "501_0 COMPLETED\n501_1 COMPLETED\n501_2 FAILED\n501_3 COMPLETED\n"
        for job in 502..<(501 + phases.count - 1) { final += (0..<4).map { "\(job)_\($0) CANCELLED\n" }.joined() }
        slurm.state.withLock {
            $0.nextJob = 501
            $0.finalStates = final
            $0.showJob = "JobId=503 ArrayJobId=501 ArrayTaskId=2 JobState=FAILED ExitCode=1:0\n"
        }
        let log = layout.slurmLogFile(phase: phases[1], rank: 2, offset: 0)
        try FileSystem.createDirectory(FileSystem.parentDirectory(of: log))
        #expect {
            _ = try Self.executor(slurm, wait: true).run(pipeline)
        } throws: { error in
            guard let error = error as? WinnowError, error.code == .taskFailed else { return false }
            return error.message == "phase \(phases[1]), task 2 of 4 ended FAILED with exit status 1; its log: \(log); "
                + "later phases did not run (\(phases.dropFirst(2).joined(separator: ", "))); rerun the same command to resubmit the incomplete tasks"
        }
        #expect(slurm.tools.contains("scontrol"))
    }

    @Test func aFailFastExitStatusKeepsItsExitCode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pipeline = try Fixtures.quickstart(output: directory.path)
        let phases = ExecutionPhase.phases(of: pipeline.stages).map(\.name)
        let slurm = ScriptedSlurm()
        slurm.state.withLock {
            $0.finalStates = "500_0 FAILED\n500_1 COMPLETED\n"
            $0.showJob = "JobId=500 ArrayTaskId=0 ExitCode=65:0\n"
        }
        try Self.markAll(RunLayout(root: directory.path), phase: phases[0], ranks: [1], world: 2)
        #expect {
            _ = try Self.executor(slurm, tasks: 2, wait: true).run(pipeline)
        } throws: { error in
            guard let error = error as? WinnowError, error.code == .failFast else { return false }
            return error.message.hasPrefix("phase \(phases[0]), task 0 of 2 ended FAILED with exit status 65; its log: \(directory.path)/logs/segment-0/rank-0.out")
        }
    }

    @Test func aRefusedSubmissionCancelsWhatWasAlreadySubmitted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pipeline = try Fixtures.quickstart(output: directory.path)
        let slurm = ScriptedSlurm()
        slurm.state.withLock { $0.refuseSbatchAfter = 2 }
        #expect {
            _ = try Self.executor(slurm).run(pipeline)
        } throws: { error in
            guard let error = error as? WinnowError, error.code == .slurm else { return false }
            return error.message.hasSuffix("sbatch: error: invalid partition specified: nope")
        }
        let cancels = slurm.state.withLock { $0.calls.filter { $0.tool == "scancel" }.map(\.arguments) }
        #expect(cancels == [["500", "501"]])
        #expect(try SlurmJobRecord.load(RunLayout(root: directory.path)).submissions.last?.arrays.map(\.jobID) == [500, 501])
    }
}
