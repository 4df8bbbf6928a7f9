import Foundation
import SluiceTestSupport

/// A temporary project with one DAG, `daily` (catchup from 2026-01-01, one run at a time, one empty task), and the
/// PostgreSQL database a test created, both removed by `remove()`.
final class DailyDagFolder {
    let root: URL
    var postgresURL: String?

    init(prefix: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dags, withIntermediateDirectories: true)
        try """
            dag_id: daily
            schedule: "@daily"
            start_date: 2026-01-01
            catchup: true
            max_active_runs: 1
            tasks:
              - task_id: t
            """.write(to: dags.appendingPathComponent("daily.yaml"), atomically: true, encoding: .utf8)
    }

    var dags: URL { root.appendingPathComponent("dags") }

    /// A database of the test's own on the shared throwaway server.
    func createDatabase(prefix: String) throws -> String {
        let url = try ThrowawayPostgres.shared().createDatabase(prefix: prefix)
        postgresURL = url
        return url
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        if let postgresURL { try? ThrowawayPostgres.shared().dropDatabase(uri: postgresURL) }
    }
}
