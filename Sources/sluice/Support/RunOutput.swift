import Foundation
import SluiceCore

/// How runs and task instances are printed by `runs list` and `runs show`, as cells and as JSON.
enum RunOutput {
    static let header = ["dag_id", "run_id", "type", "state", "logical date", "started", "ended", "duration"]

    static func cells(_ run: DagRun, now: Date) -> [String] {
        [run.dagId, run.runId, run.runType.rawValue, run.state.rawValue, DateText.iso(run.logicalDate),
         run.startedAt.map { DateText.iso($0) } ?? "-", run.endedAt.map { DateText.iso($0) } ?? "-", durationText(run, now: now)]
    }

    static func json(_ run: DagRun) -> [(String, JSONValue)] {
        [
            ("dag_id", .string(run.dagId)), ("run_id", .string(run.runId)), ("run_type", .string(run.runType.rawValue)),
            ("logical_date", .string(DateText.iso(run.logicalDate))), ("state", .string(run.state.rawValue)),
            ("data_interval_start", .string(DateText.iso(run.dataIntervalStart))), ("data_interval_end", .string(DateText.iso(run.dataIntervalEnd))),
            ("started_at", date(run.startedAt)), ("ended_at", date(run.endedAt)),
            ("duration_seconds", duration(run).map(JSONValue.double) ?? .null),
        ]
    }

    static func json(_ ti: TaskInstance, masked: (String) -> String) -> JSONValue {
        .object([
            ("task_id", .string(ti.taskId)), ("state", .string(ti.state.rawValue)), ("try_number", .int(ti.tryNumber)),
            ("max_tries", .int(ti.maxTries)), ("started_at", date(ti.startedAt)), ("ended_at", date(ti.endedAt)),
            ("duration_seconds", ti.duration.map(JSONValue.double) ?? .null),
            ("rows_affected", ti.rowsAffected.map { .int(Int($0)) } ?? .null),
            ("error", ti.error.map { .string(masked($0)) } ?? .null),
        ])
    }

    /// Seconds from start to end of a finished run; nil before it started or while it runs.
    static func duration(_ run: DagRun) -> Double? {
        guard let start = run.startedAt, let end = run.endedAt else { return nil }
        return end.timeIntervalSince(start)
    }

    /// `1h02m03s`, `4m05s`, `12.3s`, `0.04s`; a running run's elapsed time with `(running)`.
    static func durationText(_ run: DagRun, now: Date) -> String {
        if let seconds = duration(run) { return text(seconds) }
        if let start = run.startedAt, !run.state.isFinished { return text(now.timeIntervalSince(start)) + " (running)" }
        return "-"
    }

    static func text(_ seconds: Double) -> String {
        let s = min(max(0, seconds), 1e9)
        if s < 10 { return String(format: "%.2fs", s) }
        if s < 60 { return String(format: "%.1fs", s) }
        let whole = Int(s.rounded(.down))
        let (h, m, sec) = (whole / 3600, whole % 3600 / 60, whole % 60)
        return h > 0 ? String(format: "%dh%02dm%02ds", h, m, sec) : String(format: "%dm%02ds", m, sec)
    }

    private static func date(_ value: Date?) -> JSONValue {
        value.map { .string(DateText.iso($0)) } ?? .null
    }
}
