import Foundation
import SluiceTestSupport
import XCTest

/// A real PostgreSQL for the tests: `SLUICE_TEST_PG_URI` when set, otherwise a throwaway cluster started
/// once per test process with `scripts/pg-test-server.sh` and stopped when the test bundle finishes.
final class TestPostgres: NSObject, XCTestObservation {
    let uri: String
    private let ownedDirectory: String?

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let shared: Result<TestPostgres, TestProcessError> = {
        do {
            let server = try TestPostgres.start()
            XCTestObservationCenter.shared.addTestObserver(server)
            return .success(server)
        } catch {
            return .failure(TestProcessError(message: "\(error)"))
        }
    }()

    static func get() throws -> TestPostgres { try shared.get() }

    private init(uri: String, ownedDirectory: String?) {
        self.uri = uri
        self.ownedDirectory = ownedDirectory
    }

    private static func start() throws -> TestPostgres {
        if let uri = ProcessInfo.processInfo.environment["SLUICE_TEST_PG_URI"], !uri.isEmpty {
            return TestPostgres(uri: uri, ownedDirectory: nil)
        }
        let dir = NSTemporaryDirectory() + "sluice-export-pg-\(getpid())"
        let script = packageRoot.path + "/scripts/pg-test-server.sh"
        let out = try TestProcess.run("/bin/bash", [script, "start", dir])
        let uri = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard uri.hasPrefix("postgresql://") else { throw TestProcessError(message: "test server printed \(uri)") }
        return TestPostgres(uri: uri, ownedDirectory: dir)
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        guard let dir = ownedDirectory else { return }
        _ = try? TestProcess.run("/bin/bash", [Self.packageRoot.path + "/scripts/pg-test-server.sh", "stop", dir])
    }

    /// Runs psql commands; returns the unaligned, tuples-only output.
    @discardableResult
    func psql(_ commands: String...) throws -> String {
        var args = [uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-t"]
        for c in commands { args += ["-c", c] }
        let out = try TestProcess.run("/usr/bin/psql", args, environment: ["PGOPTIONS": "-c TimeZone=UTC", "PGCLIENTENCODING": "UTF8"])
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql's COPY ... TO STDOUT (FORMAT csv, HEADER) of a query, the byte-exact reference for CSV exports.
    func copyCSV(_ query: String) throws -> Data {
        try TestProcess.run("/usr/bin/psql", [uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "COPY (\(query)) TO STDOUT (FORMAT csv, HEADER)"],
                            environment: ["PGOPTIONS": "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1", "PGCLIENTENCODING": "UTF8"])
    }

    /// A libpq key=value DSN for python's psycopg.
    var dsn: String { uri }

    /// Creates a `metrics`-shaped table with `rows` rows spread over days from 2026-01-01, one row per
    /// `minutes` minutes, with unicode, quotes and newlines in names and nested JSON.
    func createMetrics(_ table: String, rows: Int, minutes: Int = 1) throws {
        try psql("""
            DROP TABLE IF EXISTS \(table);
            CREATE TABLE \(table) (hash_id BIGINT, "timestamp" TIMESTAMPTZ, name TEXT, tags JSONB, fields JSONB);
            INSERT INTO \(table) SELECT g, '2026-01-01'::timestamptz + g * interval '\(minutes) minutes',
              CASE g % 5 WHEN 0 THEN 'cpu' WHEN 1 THEN 'mém "ünïcode" ✓' WHEN 2 THEN E'line\\nbreak, comma' WHEN 3 THEN '' ELSE 'disk' || g % 3 END,
              jsonb_build_object('host', 'h' || g % 4, 'dc', CASE WHEN g % 2 = 0 THEN 'eu' END, 'list', jsonb_build_array(g % 3, 7), 'q', 'x"y'),
              jsonb_build_object('v', g * 1.5, 'n', g % 10, 'nested', jsonb_build_object('deep', g % 2 = 0))
            FROM generate_series(0, \(rows - 1)) g
            """)
    }
}
