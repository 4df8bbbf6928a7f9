import Dispatch
import Synchronization

/// Waits for a delay, or until the waiting task is cancelled, whichever comes first; a cancelled wait
/// removes its timer at once. (A cancelled `Task.sleep` keeps its timer until it would have fired: with a
/// 30 s bound and 15,000 requests a second that held 100+ MB.) Timers are Dispatch timer sources.
final class DeadlineAlarm: @unchecked Sendable {
    // @unchecked: `state` is a Mutex; `timer` is set once under it and only cancelled afterwards.
    private enum State {
        case idle
        case waiting(CheckedContinuation<Bool, Never>)
        case done
    }

    private let state = Mutex<State>(.idle)
    private var timer: (any DispatchSourceTimer)?
    private static let queue = DispatchQueue(label: "sluice.api.deadlines")

    /// True when `seconds` passed; false when the calling task was cancelled first.
    static func wait(seconds: Double) async -> Bool {
        let alarm = DeadlineAlarm()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let started = alarm.state.withLock { state -> Bool in
                    guard case .idle = state else { return false }  // cancelled before it began
                    state = .waiting(continuation)
                    let timer = DispatchSource.makeTimerSource(queue: queue)
                    timer.schedule(deadline: .now() + seconds)
                    timer.setEventHandler { alarm.finish(fired: true) }
                    alarm.timer = timer
                    timer.activate()
                    return true
                }
                if !started { continuation.resume(returning: false) }
            }
        } onCancel: {
            alarm.finish(fired: false)
        }
    }

    private func finish(fired: Bool) {
        let (continuation, timer) = state.withLock { state -> (CheckedContinuation<Bool, Never>?, (any DispatchSourceTimer)?) in
            switch state {
            case .waiting(let continuation):
                state = .done
                return (continuation, self.timer)
            case .idle:
                state = .done
                return (nil, nil)
            case .done:
                return (nil, nil)
            }
        }
        timer?.cancel()
        continuation?.resume(returning: fired)
    }
}
