import SluiceExecution

/// The queue from the scheduler loop to the executor: runs the scheduler hands over, in order.
/// Finishing it tells the executor no more runs will come.
public final class RunSubmissions: Sendable {
    let stream: AsyncStream<RunWork>
    private let continuation: AsyncStream<RunWork>.Continuation

    public init() {
        (stream, continuation) = AsyncStream<RunWork>.makeStream()
    }

    func submit(_ work: RunWork) { continuation.yield(work) }
    func finish() { continuation.finish() }
}
