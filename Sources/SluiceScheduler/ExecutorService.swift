import ServiceLifecycle
import SluiceExecution

/// The executor as a service of the daemon's `ServiceGroup`: serves the runs the scheduler submits.
///
/// On graceful shutdown it stops starting tasks; running tries get the executor's grace period,
/// then their statements are cancelled on the server and their state recorded (they run again on
/// the next start). Returning at any other time would leave a daemon that creates runs nobody
/// executes, so the group treats it as a failure and the process exits non-zero.
public struct ExecutorService: Service {
    let executor: Executor
    let submissions: RunSubmissions
    let shutdown: ShutdownSignal

    public init(executor: Executor, submissions: RunSubmissions, shutdown: ShutdownSignal) {
        self.executor = executor
        self.submissions = submissions
        self.shutdown = shutdown
    }

    public func run() async throws {
        _ = try await withGracefulShutdownHandler {
            try await executor.execute([], maxActiveRuns: nil, incoming: submissions.stream, listing: submissions.listing)
        } onGracefulShutdown: {
            shutdown.request()
        }
        // The stream ends only when the scheduler service stopped, which happens during a graceful
        // shutdown: wait for this service's turn to stop, so the group sees an orderly end.
        if !Task.isShuttingDownGracefully {
            try await gracefulShutdown()
        }
    }
}
