/// One step of the metadata store's schema: a version number and the SQL that takes
/// the schema from the previous version to this one.
///
/// Migrations are an ordered list (`SchemaMigration.all`), applied once each, in order,
/// each in its own transaction together with its row in `schema_migrations`. A shipped
/// migration is never edited: a change to the schema is a new migration at the end.
public struct SchemaMigration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration, oldest first. Versions are 1, 2, 3... without gaps.
    ///
    /// Dates are INTEGER microseconds since 1970-01-01 UTC; states are Airflow's strings.
    /// `task_instance.retries` keeps the task's retries at run creation, so clearing can
    /// extend `max_tries` the way Airflow does (`max_tries = try_number + retries`).
    public static let all: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "dag runs, task instances and paused DAGs", sql: """
            CREATE TABLE dag (
                dag_id TEXT PRIMARY KEY NOT NULL,
                is_paused INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;

            CREATE TABLE dag_run (
                id INTEGER PRIMARY KEY,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                run_type TEXT NOT NULL,
                logical_date INTEGER NOT NULL,
                data_interval_start INTEGER NOT NULL,
                data_interval_end INTEGER NOT NULL,
                run_after INTEGER NOT NULL,
                conf TEXT NOT NULL DEFAULT '{}',
                state TEXT NOT NULL,
                queued_at INTEGER,
                started_at INTEGER,
                ended_at INTEGER,
                CONSTRAINT dag_run_dag_id_run_id UNIQUE (dag_id, run_id),
                CONSTRAINT dag_run_dag_id_logical_date UNIQUE (dag_id, logical_date)
            );
            CREATE INDEX dag_run_state ON dag_run (state, run_after);

            CREATE TABLE task_instance (
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL DEFAULT 0,
                max_tries INTEGER NOT NULL DEFAULT 0,
                retries INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL DEFAULT 'none',
                started_at INTEGER,
                ended_at INTEGER,
                duration REAL,
                rows_affected INTEGER,
                error TEXT,
                host TEXT,
                pid INTEGER,
                heartbeat_at INTEGER,
                next_retry_at INTEGER,
                log_path TEXT,
                PRIMARY KEY (dag_id, run_id, task_id),
                FOREIGN KEY (dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX task_instance_state ON task_instance (state);
            """),
        // A try is claimed by exactly one process: `attempt_id` names the claim. Finishing or
        // heartbeating a try is conditional on it, so a cleared or replaced try cannot be written
        // by the process that ran it.
        SchemaMigration(version: 2, name: "task instance claims", sql: """
            ALTER TABLE task_instance ADD COLUMN attempt_id TEXT;
            """),
        // Notifications to send (issue 12): written in the transaction of the state change that
        // causes them, delivered at least once by whichever process runs next. One row per event
        // and notifier; `event_id` is stable across delivery attempts (receivers deduplicate on it).
        // A process delivering a row holds it until `claimed_until`, so two never send it at once.
        SchemaMigration(version: 3, name: "notification outbox", sql: """
            CREATE TABLE notification_outbox (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                notifier TEXT NOT NULL,
                event TEXT NOT NULL,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                task_id TEXT,
                payload TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                last_attempt_at INTEGER,
                last_error TEXT,
                delivered_at INTEGER,
                claimed_by TEXT,
                claimed_until INTEGER,
                UNIQUE (event_id, notifier)
            );
            CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);
            """),
        // Users and API tokens (issue 13). Passwords are kept only as bcrypt hashes, tokens only as
        // SHA-256 hex. A token is an automation token (named, with its own role, user_name NULL) or a
        // session token of a user (its role is the user's); deleting a user deletes their sessions.
        SchemaMigration(version: 4, name: "users and API tokens", sql: """
            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                user_name TEXT REFERENCES users (name) ON DELETE CASCADE,
                role TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER,
                last_used_at INTEGER
            );
            CREATE UNIQUE INDEX api_tokens_automation_name ON api_tokens (name) WHERE kind = 'automation';
            CREATE INDEX api_tokens_user ON api_tokens (user_name);
            """),
        SchemaMigration(version: 5, name: "scheduler heartbeat", sql: """
            CREATE TABLE scheduler_heartbeat (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                latest_heartbeat INTEGER NOT NULL
            );
            """),
        SchemaMigration(version: 6, name: "backfills created through the API", sql: """
            CREATE TABLE backfill (
                id INTEGER PRIMARY KEY,
                dag_id TEXT NOT NULL,
                from_date INTEGER NOT NULL,
                to_date INTEGER NOT NULL,
                reprocess_behavior TEXT NOT NULL,
                max_active_runs INTEGER NOT NULL,
                dag_run_conf TEXT NOT NULL,
                is_paused INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                cancelled_at INTEGER
            );
            CREATE INDEX backfill_dag ON backfill (dag_id);
            CREATE TABLE backfill_run (
                backfill_id INTEGER NOT NULL REFERENCES backfill (id) ON DELETE CASCADE,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                PRIMARY KEY (backfill_id, dag_id, run_id)
            ) WITHOUT ROWID;
            CREATE INDEX backfill_run_run ON backfill_run (dag_id, run_id);
            """),
        // The API lists a DAG's runs newest first by run_after (Airflow's grid and run list): an index
        // makes that a walk of the first rows instead of a sort of all of them.
        SchemaMigration(version: 7, name: "runs of a DAG by run_after", sql: """
            CREATE INDEX dag_run_dag_run_after ON dag_run (dag_id, run_after);
            """),
        // Leases (issue 15): a claimed try holds its task instance until `lease_expires_at` (the database's
        // clock), renewed by its process's heartbeats; `process_id` names the claiming process, a row of
        // `sluice_process` (schedulers and workers sharing the store, for `sluice workers list`).
        // `connection_slot`: the slots of each connection's pool (`SLUICE_CONN_<ID>_POOL`) across processes; a
        // slot is taken while the claim it names holds its lease.
        SchemaMigration(version: 8, name: "leases and processes", sql: """
            ALTER TABLE task_instance ADD COLUMN lease_expires_at INTEGER;
            ALTER TABLE task_instance ADD COLUMN process_id TEXT;
            CREATE INDEX task_instance_lease ON task_instance (lease_expires_at) WHERE attempt_id IS NOT NULL;
            CREATE TABLE sluice_process (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                version TEXT NOT NULL,
                queues TEXT NOT NULL DEFAULT '',
                started_at INTEGER NOT NULL,
                heartbeat_at INTEGER NOT NULL,
                stopped_at INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE connection_slot (
                connection_id TEXT NOT NULL,
                slot INTEGER NOT NULL,
                attempt_id TEXT NOT NULL,
                PRIMARY KEY (connection_id, slot)
            ) WITHOUT ROWID;
            CREATE INDEX connection_slot_attempt ON connection_slot (attempt_id);
            """),
        // Limits across processes (issue 15) count live claims themselves: a DAG's claimed task instances, and
        // those claimed for a connection (`pool`, its id), each found through a small index of claimed rows. Nothing
        // to give back when a try ends or its process dies, so the slot table of version 8 goes.
        SchemaMigration(version: 9, name: "limits from live claims", sql: """
            ALTER TABLE task_instance ADD COLUMN pool TEXT;
            CREATE INDEX task_instance_claimed_dag ON task_instance (dag_id) WHERE attempt_id IS NOT NULL;
            CREATE INDEX task_instance_claimed_pool ON task_instance (pool) WHERE attempt_id IS NOT NULL;
            DROP TABLE connection_slot;
            """),
    ]

    /// The newest schema version this build knows.
    public static var latestVersion: Int {
        all.last?.version ?? 0
    }
}
