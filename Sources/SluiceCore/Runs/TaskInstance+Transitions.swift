import Foundation

/// Pure state transitions of a task instance. Each returns a new value and leaves
/// `self` untouched; the caller stores the result.
extension TaskInstance {
    /// Whether another try is allowed after the current one fails (Airflow's
    /// `is_eligible_to_retry`: the current try number is within `maxTries`).
    public var canRetry: Bool {
        tryNumber <= maxTries
    }

    /// Queued for a new attempt: the try number grows by one and the last attempt's
    /// outcome is forgotten. `heartbeatAt` starts at `now` so a crash before the task
    /// starts is noticed by stale-task recovery.
    public func queued(at now: Date) -> TaskInstance {
        var next = self
        next.state = .queued
        next.tryNumber = tryNumber == Int.max ? tryNumber : tryNumber + 1
        next.startedAt = nil
        next.endedAt = nil
        next.duration = nil
        next.rowsAffected = nil
        next.error = nil
        next.nextRetryAt = nil
        next.heartbeatAt = now
        return next
    }

    /// The attempt started in process `pid` on `host`.
    public func running(at now: Date, host: String?, pid: Int32?, logPath: String? = nil) -> TaskInstance {
        var next = self
        next.state = .running
        next.startedAt = now
        next.endedAt = nil
        next.duration = nil
        next.heartbeatAt = now
        next.host = host
        next.pid = pid
        if let logPath { next.logPath = logPath }
        return next
    }

    /// The attempt succeeded.
    public func succeeded(at now: Date, rowsAffected: Int64? = nil) -> TaskInstance {
        var next = finishing(at: now)
        next.state = .success
        next.rowsAffected = rowsAffected
        next.error = nil
        return next
    }

    /// The attempt failed with `error` (already masked by the caller): `up_for_retry` with
    /// `nextRetryAt` set from `policy` while tries remain, otherwise `failed`.
    public func failed(at now: Date, error: String, policy: RetryPolicy) -> TaskInstance {
        var next = finishing(at: now)
        next.error = error
        if canRetry {
            next.state = .upForRetry
            next.nextRetryAt = now.addingTimeInterval(policy.delay(forTry: max(tryNumber, 1)))
        } else {
            next.state = .failed
            next.nextRetryAt = nil
        }
        return next
    }

    /// An upstream task failed, so this one will not run.
    public func upstreamFailed(at now: Date) -> TaskInstance {
        var next = self
        next.state = .upstreamFailed
        next.endedAt = now
        next.nextRetryAt = nil
        return next
    }

    /// The task is skipped for this run.
    public func skipped(at now: Date) -> TaskInstance {
        var next = self
        next.state = .skipped
        next.endedAt = now
        next.nextRetryAt = nil
        return next
    }

    /// Cleared for another run, like Airflow's clear: back to `none`, the try number
    /// kept, and `maxTries` extended to `tryNumber + retries` so the task gets its
    /// full number of retries again.
    public func cleared(retries: Int) -> TaskInstance {
        var next = self
        next.state = .none
        let (extended, overflow) = tryNumber.addingReportingOverflow(max(0, retries))
        next.maxTries = overflow ? Int.max : extended
        next.startedAt = nil
        next.endedAt = nil
        next.duration = nil
        next.rowsAffected = nil
        next.error = nil
        next.heartbeatAt = nil
        next.nextRetryAt = nil
        next.host = nil
        next.pid = nil
        return next
    }

    private func finishing(at now: Date) -> TaskInstance {
        var next = self
        next.endedAt = now
        next.duration = startedAt.map { max(0, now.timeIntervalSince($0)) }
        return next
    }
}
