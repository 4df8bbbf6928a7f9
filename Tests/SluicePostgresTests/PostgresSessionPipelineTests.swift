import Foundation
import SluicePostgres
import XCTest

final class PostgresSessionPipelineTests: PostgresServerTestCase {
    func testPipelinedStatementsAnswerInOrderWithTheirParametersAndRowCounts() async throws {
        let connection = try await connect()
        _ = try await connection.execute("CREATE TEMP TABLE pipe_t (id int PRIMARY KEY, name text)")
        let results = try await connection.session { session in
            try session.pipeline([
                PipelinedStatement("INSERT INTO pipe_t SELECT i, $1 || i FROM generate_series(1, $2::int) i", parameters: ["n", "3"], types: [25, 20]),
                PipelinedStatement("UPDATE pipe_t SET name = $1 WHERE id >= $2", parameters: ["O'Brien; --", "2"], types: [25, 20]),
                PipelinedStatement("SELECT id, name FROM pipe_t ORDER BY id"),
            ])
        }
        XCTAssertEqual(results.map(\.affectedRows), [3, 2, 3])
        XCTAssertEqual(results[2].rows, [["1", "n1"], ["2", "O'Brien; --"], ["3", "O'Brien; --"]])
    }

    func testAFailingStatementRollsBackThePipelineSkipsTheRestAndLeavesTheConnectionUsable() async throws {
        let connection = try await connect()
        _ = try await connection.execute("CREATE TABLE IF NOT EXISTS pipe_fail (id int PRIMARY KEY)")
        _ = try await connection.execute("TRUNCATE pipe_fail")
        for explicit in [false, true] {
            do {
                _ = try await connection.session { session in
                    try session.pipeline((explicit ? [PipelinedStatement("BEGIN ISOLATION LEVEL READ COMMITTED")] : [])
                        + [
                            PipelinedStatement("INSERT INTO pipe_fail VALUES ($1)", parameters: ["1"], types: [20]),
                            PipelinedStatement("INSERT INTO pipe_fail VALUES ($1)", parameters: ["1"], types: [20]),
                            PipelinedStatement("INSERT INTO pipe_fail VALUES ($1)", parameters: ["2"], types: [20]),
                        ]
                        + (explicit ? [PipelinedStatement("COMMIT")] : []))
                }
                XCTFail("a duplicate key must fail the pipeline")
            } catch let PostgresError.server(error) {
                XCTAssertEqual(error.sqlstate, "23505")
            }
            // Nothing of it stays, no transaction is left open, and the connection answers the next statement.
            let count = try await connection.execute("SELECT count(*) FROM pipe_fail")
            XCTAssertEqual(count.scalar, "0", explicit ? "with BEGIN and COMMIT" : "in the implicit transaction")
            let open = try await connection.execute("SELECT now() = statement_timestamp()")
            XCTAssertEqual(open.scalar, "t", "no transaction left open")
        }
        _ = try await connection.execute("DROP TABLE pipe_fail")
    }

    func testAnEmptyPipelineSendsNothing() async throws {
        let connection = try await connect()
        let results = try await connection.session { session in try session.pipeline([]) }
        XCTAssertTrue(results.isEmpty)
        let after = try await connection.execute("SELECT 1")
        XCTAssertEqual(after.scalar, "1")
    }
}
