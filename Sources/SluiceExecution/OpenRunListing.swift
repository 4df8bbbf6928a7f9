import SluiceCore
import Synchronization

/// The runs open (queued or running) in the store as the scheduler last listed them, shared with the executor it
/// hands runs to. On a shared store every process is handed every run; the listing lets a process tell, without a
/// store call, that a run it holds but has not taken part in was started elsewhere (it is joined later) or has
/// ended (it leaves the process). The scheduler updates it before handing over the runs of the same pass, so a
/// run handed over and missing from the listing has ended (or been deleted) since.
public final class OpenRunListing: Sendable {
    /// One pass's listing: each open run's state by `key(dagId:runId:)`.
    struct Pass {
        let number: Int
        let states: [String: RunState]
    }

    private let last = Mutex<Pass?>(nil)

    public init() {}

    /// The open runs of a pass, replacing the previous pass's.
    public func update(_ open: [DagRun]) {
        var states: [String: RunState] = [:]
        for run in open { states[Self.key(dagId: run.dagId, runId: run.runId)] = run.state }
        last.withLock { $0 = Pass(number: ($0?.number ?? 0) + 1, states: states) }
    }

    /// The last pass's listing (nil before the first).
    var lastPass: Pass? {
        last.withLock { $0 }
    }

    static func key(dagId: String, runId: String) -> String {
        dagId + "\u{0}" + runId
    }
}
