import Foundation
import XCTest

/// Connection settings from the environment: a bad one is named, with its value, before anything runs.
final class ConnectionSettingsTests: XCTestCase {
    func testABadPoolSizeNamesTheVariableAndTheValue() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("dags/one.yaml", "dag_id: one\nschedule: null\ndefault_args: {connection: pg}\ntasks:\n  - task_id: t\n    sql: SELECT 1\n")
        let r = try CLIRunner.run(["dags", "test", "one", "2026-01-01"], in: project.root,
                                  environment: ["SLUICE_CONN_PG": "postgresql://nobody@127.0.0.1:1/x", "SLUICE_CONN_PG_POOL": "abc"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("SLUICE_CONN_PG_POOL must be a whole number from 1 to 10000, not 'abc'"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }
}
