import Dispatch
import Foundation
import SluiceExecution

/// Turns SIGINT/SIGTERM into a graceful shutdown request (or, with no `shutdown`, only reports it:
/// the daemon's service group handles the request); a second signal exits at once.
final class SignalTrap: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0

    init(shutdown: ShutdownSignal?, onFirst: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.count += 1
                if self.count == 1 {
                    onFirst(sig)
                    shutdown?.request()
                } else {
                    FileHandle.standardError.write(Data("second signal: exiting now\n".utf8))
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
