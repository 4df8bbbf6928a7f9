import SluiceCore
import SluiceStore

/// The scheduler's bookkeeping for API backfills during one tick: which backfill a run belongs to, and
/// whether another of its queued runs may start (not paused, fewer than `max_active_runs` going). A run
/// counts as going when it is running or already handed to the executor. A value type, no I/O.
struct BackfillGates {
    private let gates: [BackfillGate]
    private var owner: [String: Int] = [:]
    private var going: [Int]

    init(_ gates: [BackfillGate], open: [DagRun], submitted: SubmittedRuns) {
        self.gates = gates
        going = Array(repeating: 0, count: gates.count)
        for (index, gate) in gates.enumerated() {
            for key in gate.runKeys { owner[key] = index }
        }
        for run in open {
            let key = run.dagId + "\u{0}" + run.runId
            if let index = owner[key], run.state == .running || submitted.contains(key) { going[index] += 1 }
        }
    }

    /// The backfill that owns the run with this key, if any.
    func gate(of key: String) -> Int? { owner[key] }

    func mayStart(_ index: Int) -> Bool {
        !gates[index].isPaused && going[index] < gates[index].maxActiveRuns
    }

    mutating func started(_ index: Int) { going[index] += 1 }
}
