import ArgumentParser
import Foundation
import Winnow
import WinnowPipelines

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a run's progress: completed tasks per phase, and the states of its Slurm jobs.",
        discussion: """
            Tasks are counted from the completion markers in DIR/work/markers/. When the run was submitted with \
            --executor slurm, the states of the latest submission's array tasks are read with squeue (the \
            controller forgets finished jobs after MinJobAge, 300 s by default).
            """
    )

    @Argument(help: "The run directory (the pipeline's output).")
    var runDirectory: String

    @Option(name: .long, help: "Report on this many tasks per phase (default: the latest Slurm submission's, else the one with most completed tasks).")
    var world: Int?

    @Flag(name: .long, help: "Do not ask Slurm for job states.")
    var noSlurm = false

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    func validate() throws {
        if let world, world < 1 { throw ValidationError("--world must be at least 1") }
    }

    func run() throws {
        do {
            let status = try RunStatus.read(
                runDirectory: runDirectory, registry: Pipelines.registry, world: world, client: noSlurm ? nil : .system(timeoutSeconds: 30))
            if json {
                print(String(decoding: try JSONCoding.prettyBytes(status), as: UTF8.self), terminator: "")
            } else {
                Self.printText(status)
            }
        } catch {
            throw CLI.fail(error)
        }
    }

    static func printText(_ status: RunStatus) {
        print("run       \(status.runDirectory) (pipeline \(status.pipeline), plan \(status.fingerprint.prefix(12)))")
        let others = status.otherWorlds.isEmpty ? "" : " (also markers of \(status.otherWorlds.map(String.init).joined(separator: ", ")) tasks per phase)"
        print("tasks     \(status.world.map { "\($0) per phase" } ?? "none started")\(others)")
        let done = status.phases.filter { $0.total > 0 && $0.complete == $0.total }.count
        print("state     \(status.complete ? "complete" : "\(done) of \(status.phases.count) phases complete")")
        if let problem = status.slurmProblem { print("slurm     states unavailable: \(problem)") }
        let width = max(5, status.phases.map(\.name.count).max() ?? 0)
        let counts = status.phases.map { "\($0.complete)/\($0.total)" }
        let countWidth = max(4, counts.map(\.count).max() ?? 0)
        print("\("phase".padding(toLength: width, withPad: " ", startingAt: 0))  \("done".padding(toLength: countWidth, withPad: " ", startingAt: 0))  slurm")
        for (phase, count) in zip(status.phases, counts) {
            var slurm = "-"
            if !phase.jobs.isEmpty {
                slurm = "job \(phase.jobs.map(String.init).joined(separator: ","))"
                if let states = phase.slurm {
                    let listed = states.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    slurm += listed.isEmpty ? ": no longer in squeue" : ": \(listed)"
                }
            }
            print("\(phase.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(count.padding(toLength: countWidth, withPad: " ", startingAt: 0))  \(slurm)")
        }
    }
}
