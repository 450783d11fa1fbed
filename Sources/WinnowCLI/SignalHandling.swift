import Dispatch
import Foundation
import Winnow

/// SIGTERM and SIGINT ask the run to stop cleanly: tasks finish the record at hand, commit nothing partial,
/// and the command exits with 143; a rerun resumes. A second signal exits at once.
enum SignalHandling {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if Interruption.isRequested { exit(ExitCodes.interrupted) }
                Interruption.request()
            }
            source.resume()
            sources.append(source)
        }
    }
}
