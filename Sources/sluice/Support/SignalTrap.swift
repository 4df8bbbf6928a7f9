import Dispatch
import Foundation
import SluiceExecution
import Synchronization

/// Turns SIGINT/SIGTERM into a graceful shutdown request (or, with no `shutdown`, only reports it:
/// the daemon's service group handles the request); a second signal exits at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]
    private let count = Mutex(0)

    init(shutdown: ShutdownSignal?, onFirst: @escaping @Sendable (Int32) -> Void = { _ in }) {
        var made: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            made.append(DispatchSource.makeSignalSource(signal: sig, queue: .main))
        }
        sources = made
        for (source, sig) in zip(sources, [SIGINT, SIGTERM]) {
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let seen = self.count.withLock { n in n += 1; return n }
                if seen == 1 {
                    onFirst(sig)
                    shutdown?.request()
                } else {
                    FileHandle.standardError.write(Data("second signal: exiting now\n".utf8))
                    exit(130)
                }
            }
            source.resume()
        }
    }
}
