import Crypto
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExecution
import SluiceFormats
import SluiceNotifications
import SluicePostgres

/// Runs `export` tasks: streams a table slice or query result out of PostgreSQL into part files of a
/// destination, audits it, and publishes it (write-audit-publish).
///
/// One pooled connection holds one `REPEATABLE READ READ ONLY` transaction, so the COPY and every audit
/// query see the same snapshot. The COPY's bytes are decoded, formatted and compressed on the connection's
/// Dispatch queue; a bounded `ChunkChannel` hands them to an async task that uploads them, so memory stays
/// bounded whatever the table size. Parts are staged in the destination's staging area, outside the published
/// tree (`ExportStaging`); only when every audit passes does that folder, completed with `_schema.json`,
/// `_manifest.json` and `_SUCCESS`, replace `<path>/` (`PartitionPublisher`).
public struct ExportTaskRunner: TaskAttemptRunner {
    let pools: ConnectionPools
    let renderer: TaskRenderer
    let destinations: DestinationRegistry
    let sluiceVersion: String
    let observer: ExecutionObserver?
    let readMethod: ExportReadMethod
    /// Rows per decoded batch and per cursor FETCH.
    let batchSize: Int

    public init(pools: ConnectionPools, renderer: TaskRenderer, destinations: DestinationRegistry, sluiceVersion: String,
                observer: ExecutionObserver? = nil, readMethod: ExportReadMethod = .automatic, batchSize: Int = 8192) {
        self.pools = pools
        self.renderer = renderer
        self.destinations = destinations
        self.sluiceVersion = sluiceVersion
        self.observer = observer
        self.readMethod = readMethod
        self.batchSize = max(1, batchSize)
    }

    public func run(_ attempt: TaskAttempt, log: TaskLog) async throws -> TaskResult {
        let task = attempt.task
        guard let spec = task.export else { throw ExportError.missingSpec(task: task.taskId) }
        guard let connection = task.connection else { throw ExportError.missingConnection(task: task.taskId) }
        var plan = try ExportPlan.render(spec: spec, attempt: attempt, renderer: renderer)
        plan.settings.createdBy = "sluice version \(sluiceVersion)"
        let destination = try destinations.destination(named: spec.destination)
        let staging = try ExportStaging(destination: destination)
        // The try's whole time, preparing the staging area included, is bounded by execution_timeout.
        let deadline = TaskDeadline(timeout: task.executionTimeout)
        let partition = plan.partition + "/"
        let stagedTry = plan.stagedTry
        do {
            do {
                _ = try await DeadlineRace.run(until: deadline, expired: { DeadlineRace.destinationTimeout($0, destination: destination, key: partition) }) {
                    try await staging.begin(stagedTry)
                }
            } catch let error as DestinationError {
                throw ExportError.destination("\(error.description) (while preparing the staging area of \(destination.describe(key: partition)))")
            }
            return try await runStaged(attempt, plan: plan, spec: spec, connection: connection, staging: staging, deadline: deadline, log: log)
        } catch {
            if case ExportError.auditsFailed = error {
                try? await staging.keepForInspection(plan.stagedTry)
            } else {
                await staging.discard(plan.stagedTry)
            }
            if let error = error as? DestinationError { throw ExportError.destination(error.description) }
            throw error
        }
    }

    /// The export itself, once its staging folder is ready: extract, audit, publish.
    private func runStaged(_ attempt: TaskAttempt, plan: ExportPlan, spec: ExportSpec, connection: String,
                           staging: ExportStaging, deadline: TaskDeadline?, log: TaskLog) async throws -> TaskResult {
        let task = attempt.task
        let destination = staging.destination
        log.line("connection: \(connection)")
        log.line("export \(plan.sourceDescription) as \(spec.format.rawValue) (\(plan.settings.compression.rawValue)) to \(destination.describe(key: plan.partition + "/"))")
        log.line("query: \(plan.query.select)", extraSecrets: plan.masker)
        log.line("staging: \(staging.area.describe(key: plan.staging))")

        let started = Date()
        var server = connection
        let extract: Extract
        do {
            extract = try await pools.withConnection(connection) { conn in
                server = conn.server
                return try await self.extract(plan: plan, attempt: attempt, conn: conn, destination: staging.area,
                                              deadline: deadline, log: log)
            }
        } catch let error as PostgresError {
            if let deadline, let message = error.executionTimeoutMessage(configured: deadline.timeout, server: server) {
                throw ExportError.timedOut(message)
            }
            throw ExportError.source(plan.masker.mask(Self.message(error, sql: plan.query.select)))
        } catch let error as DestinationError {
            throw ExportError.destination(error.description)
        } catch let error as FormatsError {
            throw ExportError.write(error.description)
        }
        let elapsed = max(Date().timeIntervalSince(started), 1e-6)
        log.line(String(format: "read %lld rows (%.1f MB from the database) into %d part file(s) of %.1f MB in %.2f s: %.0f rows/s, %.1f MB/s",
                        extract.rows, Double(extract.bytesIn) / 1e6, extract.staged.count, Double(extract.bytesOut) / 1e6,
                        elapsed, Double(extract.rows) / elapsed, Double(extract.bytesIn) / 1e6 / elapsed))
        for result in extract.audits { log.line(result.logLine) }
        let failed = extract.audits.filter { !$0.passed }
        guard failed.isEmpty else {
            observer?(.exportFinished(attempt.key, ExportFigures(format: spec.format.rawValue, rows: 0, bytes: 0,
                                                                 seconds: Date().timeIntervalSince(started), auditsFailed: true)))
            throw ExportError.auditsFailed(names: failed.map(\.name), staging: staging.area.describe(key: plan.staging))
        }

        let schemaColumns = extract.schema.map { SchemaColumn($0, parquet: spec.format == .parquet) }
        let publisher = PartitionPublisher(staging: staging, entry: plan.stagedTry)
        let rowsByKey = Dictionary(uniqueKeysWithValues: extract.parts.map { ($0.key, $0.rows) })
        let run = attempt.run
        let manifestBase = ExportManifest(
            dagId: attempt.dag.dagId, taskId: task.taskId, runId: run.runId, tryNumber: attempt.instance.tryNumber,
            logicalDate: DateText.iso(run.logicalDate), dataIntervalStart: DateText.iso(run.dataIntervalStart),
            dataIntervalEnd: DateText.iso(run.dataIntervalEnd), format: spec.format.rawValue,
            compression: plan.settings.compression.rawValue, files: [], totalRows: extract.rows,
            totalBytes: extract.staged.reduce(0) { $0 + $1.bytes }, schema: schemaColumns,
            querySha256: Hex.encode(SHA256.hash(data: Data(plan.query.select.utf8))),
            startedAt: DateText.iso(started), finishedAt: "", sluiceVersion: sluiceVersion, audits: extract.audits
        )
        let partition = plan.partition
        let published: [ObjectInfo]
        do {
            published = try await DeadlineRace.run(until: deadline, expired: {
                DeadlineRace.destinationTimeout($0, destination: destination, key: partition + "/")
            }) {
                try await publisher.publish(parts: extract.staged, schema: try SchemaColumn.document(schemaColumns),
                                            confirm: { try await attempt.confirmOwnership?() }) { published in
                    var manifest = manifestBase
                    manifest.files = zip(published, extract.staged).map { done, staged in
                        ExportManifest.File(path: String(done.key.dropFirst(partition.count + 1)), rows: rowsByKey[staged.key] ?? 0,
                                            bytes: done.bytes, sha256: done.sha256 ?? "")
                    }
                    manifest.finishedAt = DateText.iso(Date())
                    return try manifest.encoded()
                }
            }
            log.line("published \(published.count) file(s), \(extract.rows) rows, to \(destination.describe(key: plan.partition + "/")) (_SUCCESS written last)")
        } catch let error as DestinationError {
            throw ExportError.destination(error.description)
        }
        observer?(.taskProgress(attempt.key, rows: extract.rows, bytes: extract.bytesIn))
        let publishedBytes = published.reduce(Int64(0)) { $0 &+ $1.bytes }
        observer?(.exportFinished(attempt.key, ExportFigures(format: spec.format.rawValue, rows: extract.rows, bytes: publishedBytes,
                                                             seconds: Date().timeIntervalSince(started))))
        let publication = PublishedPartition(path: Self.location(of: partition, in: destination), files: published.count,
                                             rows: Int(clamping: extract.rows), bytes: Int(clamping: publishedBytes))
        return TaskResult(rowsAffected: extract.rows, commandTag: "EXPORT \(extract.rows)", publication: publication)
    }

    /// Where a user finds a published partition: its folder for a local destination (`/data/lake/day=…`),
    /// its prefix otherwise (`s3://bucket/prefix/day=…/`).
    static func location(of partition: String, in destination: any Destination) -> String {
        guard let local = destination as? LocalDestination else { return destination.describe(key: partition + "/") }
        return (local.root == "/" ? "" : local.root) + "/" + partition
    }

    /// What the database side of an export produced.
    struct Extract: Sendable {
        var schema: [ColumnSchema]
        var parts: [ExportStream.Part]
        var staged: [ObjectInfo]
        var rows: Int64
        var bytesIn: Int64
        var bytesOut: Int64
        var audits: [AuditResult]
    }

    /// The transaction: schema, COPY (or cursor) into staged parts, audits, COMMIT.
    private func extract(plan: ExportPlan, attempt: TaskAttempt, conn: PostgresConnection, destination: any Destination,
                         deadline: TaskDeadline?, log: TaskLog) async throws -> Extract {
        _ = try await conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", timeout: deadline?.remaining)
        do {
            var query = plan.query
            var schema = try await conn.describe(query.select, timeout: deadline?.remaining).map {
                ColumnSchema(name: $0.name, typeOID: $0.typeOID, typeModifier: $0.typeModifier)
            }
            if schema.contains(where: { !$0.isKnownType }) {
                // Types without a binary decoder travel as their text.
                query = try query.castingToText(columns: schema.map(\.name), where: schema.map { !$0.isKnownType })
                schema = try await conn.describe(query.select, timeout: deadline?.remaining).map {
                    ColumnSchema(name: $0.name, typeOID: $0.typeOID, typeModifier: $0.typeModifier)
                }
                log.line("columns of types Sluice cannot decode are exported as text: " + schema.filter { $0.typeOID == 25 }.map(\.name).joined(separator: ", "))
            }
            let progressLog = ProgressLog(log: log)
            let reader = ExportReader(query: query, schema: schema, plan: plan, conn: conn, destination: destination,
                                      readMethod: readMethod, batchSize: batchSize, deadline: deadline, log: log) { rows, bytes in
                self.observer?(.taskProgress(attempt.key, rows: rows, bytes: bytes))
                progressLog.report(rows: rows, bytes: bytes)
            }
            let read = try await reader.read()
            let audits = try await ExportAuditor(plan: plan, query: query, conn: conn, timeout: deadline?.remaining)
                .run(schema: read.schema, rows: read.rows, nullCounts: read.nullCounts)
            _ = try await conn.execute("COMMIT", timeout: deadline?.remaining)
            return Extract(schema: read.schema, parts: read.parts, staged: read.staged, rows: read.rows,
                           bytesIn: read.bytesIn, bytesOut: read.bytesOut, audits: audits)
        } catch {
            // Bounded: a server that stopped answering gets the cancel grace, then the connection is abandoned.
            _ = try? await conn.execute("ROLLBACK", timeout: conn.cancelGrace)
            throw error
        }
    }

    static func message(_ error: PostgresError, sql: String) -> String {
        error.description
    }
}
