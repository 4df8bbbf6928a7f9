import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluicePostgres

/// Runs `sql` tasks: renders the SQL for the run, sends it on a pooled connection, and records
/// the command tag and affected rows. `empty` tasks succeed at once.
///
/// `execution_timeout` is measured by Sluice's clock from the start of the try and cancels the statement on the
/// server (`PQcancel`); a server that does not answer the cancel within a few seconds has its connection
/// abandoned and the try fails naming it. Cancelling the Swift task (shutdown) cancels the statement too.
public struct SQLTaskRunner: TaskAttemptRunner {
    let pools: ConnectionPools
    let renderer: TaskRenderer

    public init(pools: ConnectionPools, renderer: TaskRenderer) {
        self.pools = pools
        self.renderer = renderer
    }

    public func run(_ attempt: TaskAttempt, log: TaskLog) async throws -> TaskResult {
        let task = attempt.task
        switch task.type {
        case .empty:
            log.line("empty task: nothing to run")
            return TaskResult()
        case .sql:
            break
        case .export, .audit:
            throw ExecutionError("task type \(task.type.rawValue) has no runner in this build")
        }
        let rendered = try renderer.render(task, of: attempt.dag, run: try attempt.renderRun())
        guard let connection = task.connection else {
            throw ExecutionError("task '\(task.taskId)' has no connection")
        }
        log.line("connection: \(connection)")
        log.line("rendered SQL:\n\(rendered.sql)", extraSecrets: rendered.masker)
        let started = Date()
        let deadline = TaskDeadline(timeout: task.executionTimeout)
        var server = connection
        do {
            let result = try await pools.withConnection(connection) { conn in
                server = conn.server
                return try await conn.execute(rendered.sql, timeout: deadline?.remaining)
            }
            let elapsed = Date().timeIntervalSince(started)
            log.line(String(format: "done in %.3f s: %@%@", elapsed, result.commandTag, result.affectedRows.map { " (\($0) rows)" } ?? ""))
            return TaskResult(rowsAffected: result.affectedRows.map(Int64.init), commandTag: result.commandTag)
        } catch let error as PostgresError {
            if let timeout = task.executionTimeout, let message = error.executionTimeoutMessage(configured: timeout, server: server) {
                throw ExecutionError(message)
            }
            var message = error.description
            if let (line, column) = error.location(in: rendered.sql) {
                message += " at line \(line), column \(column) of the rendered SQL"
            }
            throw ExecutionError(rendered.masker.mask(message))
        }
    }
}
