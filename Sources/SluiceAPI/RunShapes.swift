import Crypto
import Foundation
import SluiceCore

/// Airflow 3.3's response shapes for runs and task instances, from Sluice's model. Concepts Sluice does not
/// have (DAG versions, pools, queues, partitions, notes) take their neutral values.
enum RunShapes {
    static func run(_ run: DagRun) -> JSONValue {
        let duration = run.startedAt.flatMap { start in run.endedAt.map { $0.timeIntervalSince(start) } }
        let triggeredBy: JSONValue
        switch run.runType {
        case .scheduled: triggeredBy = .string("timetable")
        case .backfill: triggeredBy = .string("backfill")
        case .manual: triggeredBy = .null
        }
        return .object([
            ("dag_run_id", .string(run.runId)), ("dag_id", .string(run.dagId)),
            ("logical_date", APIJSON.date(run.logicalDate)), ("queued_at", APIJSON.date(run.queuedAt)),
            ("start_date", APIJSON.date(run.startedAt)), ("end_date", APIJSON.date(run.endedAt)),
            ("duration", duration.map(JSONValue.double) ?? .null),
            ("data_interval_start", APIJSON.date(run.dataIntervalStart)), ("data_interval_end", APIJSON.date(run.dataIntervalEnd)),
            ("run_after", APIJSON.date(run.runAfter)), ("last_scheduling_decision", .null),
            ("run_type", .string(run.runType.rawValue)), ("state", .string(run.state.rawValue)),
            ("triggered_by", triggeredBy), ("triggering_user_name", .null),
            ("conf", (try? JSONValue.parse(run.conf)) ?? .object([])), ("note", .null), ("dag_versions", .array([])),
            ("bundle_version", .null), ("dag_display_name", .string(run.dagId)), ("partition_key", .null), ("partition_date", .null),
        ])
    }

    /// Airflow's task instance state: Sluice's `none` is null.
    static func state(_ state: TaskState) -> JSONValue {
        state == .none ? .null : .string(state.rawValue)
    }

    /// A stable UUID for a task instance (Airflow's `id`): the first 16 bytes of SHA-256 of its key, as a
    /// version 8 UUID.
    static func id(_ ti: TaskInstance) -> String {
        var bytes = Array(SHA256.hash(data: Data("\(ti.dagId)\u{0}\(ti.runId)\u{0}\(ti.taskId)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-")
    }

    /// The fields task instances and their tries share.
    private static func common(_ ti: TaskInstance, operatorName: String?) -> [(String, JSONValue)] {
        [
            ("task_id", .string(ti.taskId)), ("dag_id", .string(ti.dagId)), ("dag_run_id", .string(ti.runId)), ("map_index", .int(-1)),
            ("start_date", APIJSON.date(ti.startedAt)), ("end_date", APIJSON.date(ti.endedAt)),
            ("duration", ti.duration.map(JSONValue.double) ?? .null), ("state", state(ti.state)),
            ("try_number", .int(ti.tryNumber)), ("max_tries", .int(ti.maxTries)),
            ("task_display_name", .string(ti.taskId)), ("dag_display_name", .string(ti.dagId)),
            ("hostname", ti.host.map(JSONValue.string) ?? .null), ("unixname", .null),
            ("pool", .string("default_pool")), ("pool_slots", .int(1)), ("queue", .null), ("priority_weight", .null),
            ("operator", operatorName.map(JSONValue.string) ?? .null), ("operator_name", operatorName.map(JSONValue.string) ?? .null),
            ("queued_when", .null), ("scheduled_when", .null), ("pid", ti.pid.map { .int(Int($0)) } ?? .null),
            ("executor", .null), ("executor_config", .string("{}")),
        ]
    }

    static func taskInstance(_ ti: TaskInstance, run: DagRun, operatorName: String?) -> JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(id(ti)))]
        fields += common(ti, operatorName: operatorName)
        fields.insert(("logical_date", APIJSON.date(run.logicalDate)), at: 5)
        fields.insert(("run_after", APIJSON.date(run.runAfter)), at: 6)
        fields += [("note", .null), ("rendered_map_index", .null), ("rendered_fields", .object([])), ("trigger", .null),
                   ("triggerer_job", .null), ("dag_version", .null)]
        return .object(fields)
    }

    static func taskInstanceTry(_ ti: TaskInstance, operatorName: String?) -> JSONValue {
        .object(common(ti, operatorName: operatorName) + [("dag_version", .null)])
    }
}
