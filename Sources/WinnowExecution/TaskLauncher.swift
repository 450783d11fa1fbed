internal import Foundation
public import WinnowCore

/// How the local executor starts tasks: as threads of this process, or as `winnow task` subprocesses (the
/// same entry point a Slurm array task uses, and crash-isolated).
public enum TaskLauncher: Sendable {
    case threads
    /// Runs `executable task --run DIR --phase P --rank R --world N [--fail-fast]`.
    case processes(executable: String)

    /// A task that did not complete, and why.
    public struct Failure: Sendable {
        public var rank: Int
        public var error: WinnowError
    }

    /// Runs `ranks` of `phase`, at most `parallelism` at a time; returns the failures (empty when all
    /// completed). After the first failure no further task is started.
    /// `tick` is called about every 200 ms while tasks run (for progress displays).
    func run(
        phase: String, ranks: [Int], worldSize: Int, parallelism: Int, runner: TaskRunner, tick: () -> Void = {}
    ) -> [Failure] {
        switch self {
        case .threads:
            return runThreads(phase: phase, ranks: ranks, worldSize: worldSize, parallelism: parallelism, runner: runner, tick: tick)
        case .processes(let executable):
            return runProcesses(
                executable: executable, phase: phase, ranks: ranks, worldSize: worldSize,
                parallelism: parallelism, runDirectory: runner.layout.root, failFast: runner.failFast,
                signingKeyPath: runner.signingKeyPath, tick: tick)
        }
    }

    private func runThreads(phase: String, ranks: [Int], worldSize: Int, parallelism: Int, runner: TaskRunner, tick: () -> Void) -> [Failure] {
        let state = Locked<(next: Int, failures: [Failure])>((0, []))
        let group = DispatchGroup()
        for _ in 0..<min(parallelism, ranks.count) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let rank: Int? = state.withLock { state in
                        guard state.failures.isEmpty, state.next < ranks.count else { return nil }
                        defer { state.next += 1 }
                        return ranks[state.next]
                    }
                    guard let rank else { return }
                    do {
                        try runner.run(phase: phase, rank: rank, worldSize: worldSize)
                    } catch {
                        let failure = Failure(rank: rank, error: Self.winnowError(error, phase: phase, rank: rank))
                        state.withLock { $0.failures.append(failure) }
                    }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        while group.wait(timeout: .now() + .milliseconds(200)) == .timedOut { tick() }
        return state.withLock { $0.failures.sorted { $0.rank < $1.rank } }
    }

    private func runProcesses(
        executable: String, phase: String, ranks: [Int], worldSize: Int, parallelism: Int, runDirectory: String, failFast: Bool,
        signingKeyPath: String?, tick: () -> Void
    ) -> [Failure] {
        let finished = DispatchSemaphore(value: 0)
        let exits = Locked<[(rank: Int, status: Int32)]>([])
        var failures: [Failure] = []
        var running = 0
        var next = 0
        var children: [Process] = []
        var forwarded = false
        while next < ranks.count || running > 0 {
            while running < parallelism && next < ranks.count && failures.isEmpty && !Interruption.isRequested {
                let rank = ranks[next]
                next += 1
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["task", "--run", runDirectory, "--phase", phase, "--rank", String(rank), "--world", String(worldSize)]
                    + (failFast ? ["--fail-fast"] : []) + (signingKeyPath.map { ["--sign-key", $0] } ?? [])
                process.terminationHandler = { process in
                    exits.withLock { $0.append((rank, process.terminationStatus)) }
                    finished.signal()
                }
                do {
                    try process.run()
                    children.append(process)
                    running += 1
                } catch {
                    failures.append(Failure(rank: rank, error: WinnowError(
                        .taskFailed, "could not start task \(rank) of phase \(phase): \(error)", scope: .run)))
                }
            }
            if running == 0 { break }
            // Wait for a task to end, passing a stop request on to the running tasks (once).
            while finished.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
                tick()
                if Interruption.isRequested && !forwarded {
                    forwarded = true
                    for child in children where child.isRunning { child.terminate() }
                }
            }
            running -= 1
            let done = exits.withLock { exits in exits.removeFirst() }
            if done.status != 0 {
                // The task printed its error; its exit code says which kind it was (74: the output cannot be
                // written, and so on), so that `winnow run` exits with the same code.
                var code = ExitCodes.errorCode(forTaskStatus: done.status)
                if Interruption.isRequested && code != .failFast { code = .interrupted }
                failures.append(Failure(rank: done.rank, error: WinnowError(
                    code, "task \(done.rank) of phase \(phase) exited with status \(done.status) (its error is printed above)",
                    scope: code == .failFast ? .run : .task)))
            }
        }
        return failures.sorted { $0.rank < $1.rank }
    }

    static func winnowError(_ error: any Error, phase: String, rank: Int) -> WinnowError {
        if let error = error as? WinnowError { return error }
        return WinnowError(.taskFailed, "task \(rank) of phase \(phase) failed: \(error)", scope: .task)
    }
}
