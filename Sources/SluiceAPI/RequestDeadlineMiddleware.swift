import Foundation
import Hummingbird

/// Bounds every request in time: a handler still working after `limit` is cancelled and the client gets
/// 503 `{"detail": ...}`. Cancellation is cooperative: what the handler awaits is cancelled at once; a
/// metadata-store statement already running finishes first (each is indexed and bounded by the store's
/// busy timeout). Slow clients are the server's idle timeout's business; neither holds the scheduler,
/// which runs in its own tasks.
public struct RequestDeadlineMiddleware<Context: RequestContext>: RouterMiddleware {
    public let limit: Duration

    public init(limit: Duration) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withoutActuallyEscaping(next) { next in
            // The group ends (awaiting both children) before this function returns, so `next` never outlives it.
            let handler = UncheckedHandler(call: next)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await handler.call(request, context) }
                let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
                group.addTask {
                    // nil: the deadline passed; a handler that finished first cancels this wait.
                    guard await DeadlineAlarm.wait(seconds: seconds) else { throw CancellationError() }
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw APIError(.serviceUnavailable, "The request took longer than \(seconds.formatted()) s and was stopped; try again, or ask for less (a smaller limit).")
                }
                return response
            }
        }
    }
}

/// The middleware chain's `next`, carried into the task group that races it against the deadline.
private struct UncheckedHandler<Context: RequestContext>: @unchecked Sendable {
    let call: (Request, Context) async throws -> Response
}
