import Foundation

/// Brings a database's schema up to `SchemaMigration.latestVersion`.
///
/// The applied versions live in `schema_migrations` (and mirror into `PRAGMA user_version`
/// for tools such as the `sqlite3` shell). A database already past this build's newest
/// version is refused with `StoreError.schemaTooNew` rather than used half-understood.
/// Safe when two processes open the same file at once: the version is read again inside
/// the write transaction of each migration.
struct SchemaMigrator {
    let migrations: [SchemaMigration]

    init(migrations: [SchemaMigration]) {
        self.migrations = migrations
    }

    /// The migrations of `dialect`'s engine.
    init(dialect: StoreDialect) {
        self.init(migrations: dialect.migrations)
    }

    /// Applies pending migrations; returns the versions applied now. Call on the database's queue.
    ///
    /// On PostgreSQL the whole migration holds an advisory lock, so processes started together (several
    /// schedulers) migrate one after the other: the others then find nothing to do.
    func migrate(_ db: any StoreConnection, now: Date) throws -> [Int] {
        guard db.dialect == .postgres else { return try migrateHoldingLock(db, now: now) }
        try db.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", operation: "waiting for other processes' migrations")
        defer { try? db.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", operation: "ending the migration") }
        return try migrateHoldingLock(db, now: now)
    }

    /// The advisory lock key of schema migrations ("sluice-mi").
    static let advisoryLockKey: Int64 = 0x736C_7569_6365_6D69

    private func migrateHoldingLock(_ db: any StoreConnection, now: Date) throws -> [Int] {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """, operation: "creating the schema_migrations table")
        let supported = migrations.last?.version ?? 0
        var applied: [Int] = []
        let current = try currentVersion(db)
        if current > supported {
            throw StoreError.schemaTooNew(path: db.displayName, found: current, supported: supported)
        }
        for migration in migrations where migration.version > current {
            let ran: Bool = try db.transaction("applying schema migration \(migration.version)") {
                // Another process may have applied it since we looked.
                let version = try currentVersion(db)
                if version > supported {
                    throw StoreError.schemaTooNew(path: db.displayName, found: version, supported: supported)
                }
                guard version < migration.version else { return false }
                try db.execute(migration.sql, operation: "applying schema migration \(migration.version) (\(migration.name))")
                try db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", operation: "recording a migration")
                    .run([.integer(Int64(migration.version)), .text(migration.name), .integer(StoreDate.micros(now))],
                         operation: "recording schema migration \(migration.version)")
                if db.dialect == .sqlite {
                    try db.execute("PRAGMA user_version = \(migration.version)", operation: "setting user_version")
                }
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// The highest applied version, 0 for an empty database.
    func currentVersion(_ db: any StoreConnection) throws -> Int {
        let rows = try db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", operation: "reading the schema version")
            .query([], operation: "reading the schema version") { row in Int(row.int64(0)) }
        return rows.first ?? 0
    }
}
