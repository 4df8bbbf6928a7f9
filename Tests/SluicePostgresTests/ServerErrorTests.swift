import SluicePostgres
import XCTest

final class ServerErrorTests: XCTestCase {
    func testLocationConvertsCharacterPositionToLineAndColumn() {
        let sql = "SELECT 1,\n  ünïcode 🌊,\n  bad"
        let table: [(position: Int, line: Int, column: Int)] = [
            (1, 1, 1),
            (9, 1, 9),      // the comma
            (10, 1, 10),    // the newline belongs to line 1
            (11, 2, 1),
            (13, 2, 3),     // ü
            (21, 2, 11),    // 🌊 counts as one character
            (26, 3, 3),     // bad
            (29, 3, 6),     // just past the end ("at end of input")
        ]
        for row in table {
            let error = ServerError(sqlstate: "42601", severity: "ERROR", message: "m", position: row.position)
            let location = error.location(in: sql)
            XCTAssertEqual(location?.line, row.line, "position \(row.position)")
            XCTAssertEqual(location?.column, row.column, "position \(row.position)")
        }
    }

    func testLocationIsNilWithoutPositionOrPastTheEnd() {
        XCTAssertNil(ServerError(sqlstate: "X", severity: "ERROR", message: "m").location(in: "SELECT"))
        XCTAssertNil(ServerError(sqlstate: "X", severity: "ERROR", message: "m", position: 8).location(in: "SELECT"))
        XCTAssertNil(ServerError(sqlstate: "X", severity: "ERROR", message: "m", position: 0).location(in: "SELECT"))
    }

    func testDescriptionIsOneLineWithoutDetail() {
        let error = PostgresError.server(ServerError(
            sqlstate: "23505", severity: "ERROR", message: "duplicate key value violates unique constraint \"t_pkey\"",
            detail: "Key (id)=(42) already exists.", hint: "Use another key.", position: nil))
        XCTAssertEqual(error.description, "ERROR 23505: duplicate key value violates unique constraint \"t_pkey\"")
        XCTAssertTrue(error.debugDescription.hasSuffix("DETAIL: Key (id)=(42) already exists. HINT: Use another key."))
        XCTAssertEqual(PostgresError.timeout(seconds: 1.5).description,
                       "the statement was cancelled after exceeding its timeout of 1.5 s")
        XCTAssertEqual(PostgresError.timeout(seconds: 30).description,
                       "the statement was cancelled after exceeding its timeout of 30 s")
    }
}
