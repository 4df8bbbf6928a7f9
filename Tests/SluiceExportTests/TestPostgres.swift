import Foundation
import SluiceTestSupport
import XCTest

/// The export tests' view of the shared throwaway PostgreSQL (`ThrowawayPostgres.shared()`), with the psql
/// helpers these tests use. A server that cannot start fails the test.
final class TestPostgres: Sendable {
    let server: ThrowawayPostgres
    var uri: String { server.uri }

    static let packageRoot = ThrowawayPostgres.packageRoot

    /// The shared server, or why it could not start.
    static let shared: Result<TestPostgres, TestProcessError> = Result {
        TestPostgres(server: try ThrowawayPostgres.shared())
    }.mapError { $0 as? TestProcessError ?? TestProcessError(message: "\($0)") }

    static func get() throws -> TestPostgres { try shared.get() }

    init(server: ThrowawayPostgres) {
        self.server = server
    }

    /// Runs psql commands; returns the unaligned, tuples-only output.
    @discardableResult
    func psql(_ commands: String...) throws -> String {
        try server.psql(commands, environment: ["PGOPTIONS": "-c TimeZone=UTC", "PGCLIENTENCODING": "UTF8"])
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
