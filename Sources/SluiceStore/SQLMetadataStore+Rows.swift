import CSQLite
import Foundation
import SluiceCore

/// How runs and task instances map to rows: the column lists every query selects,
/// in a fixed order, and the values bound for them.
extension SQLMetadataStore {
    static func runColumns(_ prefix: String = "") -> String {
        runColumnNames.map { prefix + $0 }.joined(separator: ", ")
    }

    private static let runColumnNames = [
        "dag_id", "run_id", "run_type", "logical_date", "data_interval_start", "data_interval_end",
        "run_after", "conf", "state", "queued_at", "started_at", "ended_at",
    ]

    /// The statement that reads one run by key, for a batch or a transaction's first reads (decode with `decodeRun`).
    static func runLookup(dagId: String, runId: String) -> BatchedStatement {
        BatchedStatement("SELECT \(runColumns()) FROM dag_run WHERE dag_id = ? AND run_id = ?", [.text(dagId), .text(runId)],
                         columns: runColumnCount)
    }

    /// How many columns `runColumns` selects.
    static var runColumnCount: Int32 { Int32(runColumnNames.count) }

    static func taskInstanceColumns(_ prefix: String = "") -> String {
        taskInstanceColumnNames.map { prefix + $0 }.joined(separator: ", ")
    }

    private static let taskInstanceColumnNames = [
        "dag_id", "run_id", "task_id", "try_number", "max_tries", "state", "started_at", "ended_at",
        "duration", "rows_affected", "error", "host", "pid", "heartbeat_at", "next_retry_at", "log_path",
    ]

    /// How many columns `taskInstanceColumns` selects.
    static var taskInstanceColumnCount: Int32 { Int32(taskInstanceColumnNames.count) }

    static func decodeRun(_ row: any StoreRow) throws -> DagRun {
        let typeText = row.text(2)
        guard let runType = RunType(rawValue: typeText) else {
            throw StoreError.invalidStoredValue(column: "dag_run.run_type", value: typeText)
        }
        let stateText = row.text(8)
        guard let state = RunState(rawValue: stateText) else {
            throw StoreError.invalidStoredValue(column: "dag_run.state", value: stateText)
        }
        return DagRun(
            dagId: row.text(0),
            runId: row.text(1),
            runType: runType,
            logicalDate: StoreDate.date(row.int64(3)),
            dataIntervalStart: StoreDate.date(row.int64(4)),
            dataIntervalEnd: StoreDate.date(row.int64(5)),
            runAfter: StoreDate.date(row.int64(6)),
            conf: row.text(7),
            state: state,
            queuedAt: row.optionalInt64(9).map(StoreDate.date),
            startedAt: row.optionalInt64(10).map(StoreDate.date),
            endedAt: row.optionalInt64(11).map(StoreDate.date)
        )
    }

    /// Values for the run columns after dag_id and run_id (run_type ... ended_at).
    static func runValues(_ run: DagRun) -> [StoreValue] {
        [.text(run.runType.rawValue),
         .integer(StoreDate.micros(run.logicalDate)),
         .integer(StoreDate.micros(run.dataIntervalStart)),
         .integer(StoreDate.micros(run.dataIntervalEnd)),
         .integer(StoreDate.micros(run.runAfter)),
         .text(run.conf),
         .text(run.state.rawValue),
         StoreDate.value(run.queuedAt),
         StoreDate.value(run.startedAt),
         StoreDate.value(run.endedAt)]
    }

    static func decodeTaskInstance(_ row: any StoreRow) throws -> TaskInstance {
        let stateText = row.text(5)
        guard let state = TaskState(rawValue: stateText) else {
            throw StoreError.invalidStoredValue(column: "task_instance.state", value: stateText)
        }
        return TaskInstance(
            dagId: row.text(0),
            runId: row.text(1),
            taskId: row.text(2),
            tryNumber: Int(row.int64(3)),
            maxTries: Int(row.int64(4)),
            state: state,
            startedAt: row.optionalInt64(6).map(StoreDate.date),
            endedAt: row.optionalInt64(7).map(StoreDate.date),
            duration: row.optionalDouble(8),
            rowsAffected: row.optionalInt64(9),
            error: row.optionalText(10),
            host: row.optionalText(11),
            pid: row.optionalInt64(12).map { Int32(truncatingIfNeeded: $0) },
            heartbeatAt: row.optionalInt64(13).map(StoreDate.date),
            nextRetryAt: row.optionalInt64(14).map(StoreDate.date),
            logPath: row.optionalText(15)
        )
    }

    /// `SET` assignments for the task instance columns after the key, in `taskInstanceValues`' order.
    static let taskInstanceAssignments = ["try_number", "max_tries", "state", "started_at", "ended_at", "duration", "rows_affected",
                                          "error", "host", "pid", "heartbeat_at", "next_retry_at", "log_path"]
        .map { $0 + " = ?" }.joined(separator: ", ")

    /// Values for the task instance columns after the key (try_number ... log_path).
    static func taskInstanceValues(_ ti: TaskInstance) -> [StoreValue] {
        [.integer(Int64(ti.tryNumber)),
         .integer(Int64(ti.maxTries)),
         .text(ti.state.rawValue),
         StoreDate.value(ti.startedAt),
         StoreDate.value(ti.endedAt),
         ti.duration.map { .real($0) } ?? .null,
         ti.rowsAffected.map { .integer($0) } ?? .null,
         ti.error.map { .text($0) } ?? .null,
         ti.host.map { .text($0) } ?? .null,
         ti.pid.map { .integer(Int64($0)) } ?? .null,
         StoreDate.value(ti.heartbeatAt),
         StoreDate.value(ti.nextRetryAt),
         ti.logPath.map { .text($0) } ?? .null]
    }

    /// Whether `error` is SQLite refusing a row for breaking a UNIQUE or PRIMARY KEY rule.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if case let StoreError.postgres(sqlstate, _, _) = error { return sqlstate == "23505" }
        guard case let StoreError.sqlite(code, _, _) = error else { return false }
        // Swift does not import SQLite's composite macros; from sqlite3.h:
        // SQLITE_CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT | (6<<8), SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | (8<<8).
        return code == SQLITE_CONSTRAINT | (6 << 8) || code == SQLITE_CONSTRAINT | (8 << 8)
    }
}
