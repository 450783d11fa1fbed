import Dispatch
import Foundation
import Winnow

/// SIGTERM and SIGINT ask the run to stop cleanly: tasks finish the record at hand, commit nothing partial,
/// and the command exits with 143 (SIGTERM) or 130 (SIGINT); a rerun resumes. A second signal exits at once
/// with the same code. `winnow task` also takes SIGUSR1, the signal that `--signal-before` asks Slurm to send
/// before a task's time limit: it stops the same way and then requeues the task (see ``SlurmRequeue``).
enum SignalHandling {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// SIGUSR1 as `Interruption` records it.
    static let preTimeout = Interruption.Signal(number: SIGUSR1, name: "SIGUSR1")

    static func install(preTimeoutSignal: Bool = false) {
        var signals = [Interruption.Signal(number: SIGTERM, name: "SIGTERM"), Interruption.Signal(number: SIGINT, name: "SIGINT")]
        if preTimeoutSignal { signals.append(preTimeout) }
        for received in signals {
            signal(received.number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: received.number, queue: .global())
            source.setEventHandler {
                if Interruption.isRequested {
                    exit(received.number == SIGINT ? ExitCodes.interruptedByInterrupt : ExitCodes.interrupted)
                }
                Interruption.request(received)
            }
            source.resume()
            sources.append(source)
        }
    }
}
