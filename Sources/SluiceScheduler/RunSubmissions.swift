import SluiceExecution

/// The queue from the scheduler loop to the executor: runs the scheduler hands over, in order.
/// Finishing it tells the executor no more runs will come.
public final class RunSubmissions: Sendable {
    let stream: AsyncStream<RunWork>
    /// The runs open as the scheduler's last pass listed them (read by the executor on a shared store).
    let listing = OpenRunListing()
    private let continuation: AsyncStream<RunWork>.Continuation

    public init() {
        (stream, continuation) = AsyncStream<RunWork>.makeStream()
    }

    func submit(_ work: RunWork) { continuation.yield(work) }
    func finish() { continuation.finish() }
}
