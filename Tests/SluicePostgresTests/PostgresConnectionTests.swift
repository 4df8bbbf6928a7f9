import Foundation
import SluicePostgres
import Synchronization
import XCTest

final class PostgresConnectionTests: PostgresServerTestCase {
    func testParametersRoundTripQuotesNullAndUnicode() async throws {
        let connection = try await connect()
        let values: [String?] = ["O'Brien said \"hi\"; DROP TABLE x; --", nil, "héllo 🌊 日本 \\ back\\slash", ""]
        let result = try await connection.execute(
            "SELECT $1::text, $2::text, $3::text, $4::text, $2::text IS NULL, length($3)", parameters: values)
        XCTAssertEqual(result.rows.count, 1)
        let row = try XCTUnwrap(result.rows.first)
        XCTAssertEqual(Array(row.prefix(4)), values)
        XCTAssertEqual(row[4], "t")
        XCTAssertEqual(row[5], String(values[2]!.unicodeScalars.count))
        XCTAssertEqual(result.columns.count, 6)
        XCTAssertEqual(result.commandTag, "SELECT 1")
    }

    func testCommandTagsAndAffectedRows() async throws {
        let connection = try await connect()
        _ = try await connection.execute("CREATE TEMP TABLE tags_t (id int, name text)")
        let insert = try await connection.execute(
            "INSERT INTO tags_t SELECT i, $1 || i FROM generate_series(1, $2::int) i", parameters: ["n", "5"])
        XCTAssertEqual(insert.commandTag, "INSERT 0 5")
        XCTAssertEqual(insert.affectedRows, 5)
        let update = try await connection.execute("UPDATE tags_t SET name = 'x' WHERE id <= 2")
        XCTAssertEqual(update.commandTag, "UPDATE 2")
        XCTAssertEqual(update.affectedRows, 2)
        let delete = try await connection.execute("DELETE FROM tags_t WHERE id = $1", parameters: ["3"])
        XCTAssertEqual(delete.commandTag, "DELETE 1")
        XCTAssertEqual(delete.affectedRows, 1)
        let select = try await connection.execute("SELECT id FROM tags_t ORDER BY id")
        XCTAssertEqual(select.rows, [["1"], ["2"], ["4"], ["5"]])
        XCTAssertEqual(select.affectedRows, 4)
        let create = try await connection.execute("CREATE TEMP TABLE tags_u (id int)")
        XCTAssertEqual(create.commandTag, "CREATE TABLE")
        XCTAssertNil(create.affectedRows)
    }

    func testServerSideCopyReportsCopyTag() async throws {
        let connection = try await connect()
        let superuser = try await connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        guard superuser.scalar == "t" else {
            return XCTFail("COPY TO PROGRAM needs a superuser; SLUICE_TEST_PG_URI's user is not one")
        }
        let result = try await connection.execute(
            "COPY (SELECT i FROM generate_series(1, 1234) i) TO PROGRAM 'cat > /dev/null'")
        XCTAssertEqual(result.commandTag, "COPY 1234")
        XCTAssertEqual(result.affectedRows, 1234)
    }

    func testScriptWithoutParametersReturnsLastResult() async throws {
        let connection = try await connect()
        let result = try await connection.execute("CREATE TEMP TABLE script_t (a int); INSERT INTO script_t VALUES (7); SELECT a * 6 FROM script_t")
        XCTAssertEqual(result.scalar, "42")
    }

    func testServerErrorCarriesSQLStateMessageAndPosition() async throws {
        let connection = try await connect()
        let sql = "SELECT *\n  FROM nope\n WHERE 1 = 1"
        do {
            _ = try await connection.execute(sql)
            XCTFail("expected an error")
        } catch let error as PostgresError {
            guard case .server(let server) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(server.sqlstate, "42P01")
            XCTAssertEqual(server.severity, "ERROR")
            XCTAssertEqual(server.message, "relation \"nope\" does not exist")
            XCTAssertEqual(server.position, 17)
            XCTAssertEqual(error.description, "ERROR 42P01: relation \"nope\" does not exist (at character 17)")
            let location = try XCTUnwrap(error.location(in: sql))
            XCTAssertEqual(location.line, 2)
            XCTAssertEqual(location.column, 8)
        }
        // The connection stays usable after an error.
        let after = try await connection.execute("SELECT 2")
        XCTAssertEqual(after.scalar, "2")
    }

    func testServerErrorKeepsDetailAndHintOutOfDescription() async throws {
        let connection = try await connect()
        _ = try await connection.execute("CREATE TEMP TABLE unique_t (id int PRIMARY KEY)")
        _ = try await connection.execute("INSERT INTO unique_t VALUES (424242)")
        do {
            _ = try await connection.execute("INSERT INTO unique_t VALUES ($1)", parameters: ["424242"])
            XCTFail("expected a unique violation")
        } catch let error as PostgresError {
            XCTAssertEqual(error.sqlstate, "23505")
            guard case .server(let server) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(server.detail?.contains("424242") == true)
            XCTAssertFalse(error.description.contains("424242"))
            XCTAssertTrue(error.debugDescription.contains("424242"))
        }
    }

    func testWrongPasswordErrorDoesNotContainThePassword() async throws {
        let admin = try await connect()
        let role = "sluice_pw_\(UInt32.random(in: 0...UInt32.max))"
        _ = try await admin.execute("CREATE ROLE \(role) LOGIN PASSWORD 'Right-Pa55word'")
        let server = try self.server
        addTeardownBlock {
            let cleanup = try? await PostgresConnection.connect(server.config)
            _ = try? await cleanup?.execute("DROP ROLE IF EXISTS \(role)")
            await cleanup?.close()
        }
        var config = try server.config
        config.user = role
        config.password = "Wr0ng-s3cret-pw"
        do {
            let connection = try await PostgresConnection.connect(config)
            await connection.close()
            XCTFail("the server at SLUICE_TEST_PG_URI does not check passwords (pg-test-server.sh's servers do)")
        } catch let error as PostgresError {
            guard case .connectionFailed(let message) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(message.contains("password authentication failed"), message)
            XCTAssertFalse(error.description.contains("Wr0ng-s3cret-pw"))
            XCTAssertFalse(error.description.contains("\n"))
        }
        config.password = "Right-Pa55word"
        let connection = try await PostgresConnection.connect(config)
        let user = try await connection.execute("SELECT current_user")
        XCTAssertEqual(user.scalar, role)
        await connection.close()
    }

    func testUnreachablePortFailsWithoutThePassword() async throws {
        let config = try ConnectionConfig(uri: "postgresql://someone:hunter2-Secret@127.0.0.1:\(unusedPort())/db")
        do {
            _ = try await PostgresConnection.connect(config)
            XCTFail("expected a connection failure")
        } catch let error as PostgresError {
            guard case .connectionFailed = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(error.description.contains("127.0.0.1"), error.description)
            XCTAssertFalse(error.description.contains("hunter2"))
        }
    }

    func testTimeoutCancelsTheStatementOnTheServer() async throws {
        let connection = try await connect()
        let observer = try await connect()
        let started = Date()
        do {
            _ = try await connection.execute("SELECT pg_sleep(30)", timeout: 1)
            XCTFail("expected a timeout")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .timeout(seconds: 1))
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 10)
        let stillRunning = try await observer.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
            parameters: [String(connection.backendPID)])
        XCTAssertEqual(stillRunning.scalar, "0")
        let after = try await connection.execute("SELECT 'usable'")
        XCTAssertEqual(after.scalar, "usable")
    }

    func testFastStatementIsNotAffectedByItsTimeout() async throws {
        let connection = try await connect()
        let result = try await connection.execute("SELECT pg_sleep(0.05), 1", timeout: 0.5)
        XCTAssertEqual(result.rows.first?.last, "1")
        // The timer of the finished statement must not cancel the next one.
        try await Task.sleep(nanoseconds: 700_000_000)
        let next = try await connection.execute("SELECT pg_sleep(0.3), 2")
        XCTAssertEqual(next.rows.first?.last, "2")
    }

    func testCancelStopsTheRunningStatement() async throws {
        let connection = try await connect()
        let observer = try await connect()
        let running = Task { try await connection.execute("SELECT pg_sleep(30)") }
        let active = try await eventually {
            let result = try await observer.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
                parameters: [String(connection.backendPID)])
            return result.scalar == "1"
        }
        XCTAssertTrue(active)
        connection.cancel()
        do {
            _ = try await running.value
            XCTFail("expected a cancellation")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .cancelled)
        }
        let value = try await connection.execute("SELECT 3").scalar
        XCTAssertEqual(value, "3")
    }

    func testCancellingTheTaskCancelsTheStatement() async throws {
        let connection = try await connect()
        let observer = try await connect()
        let started = Date()
        let running = Task { try await connection.execute("SELECT pg_sleep(30)") }
        let active = try await eventually {
            let result = try await observer.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
                parameters: [String(connection.backendPID)])
            return result.scalar == "1"
        }
        XCTAssertTrue(active)
        running.cancel()
        do {
            _ = try await running.value
            XCTFail("expected a cancellation")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .cancelled)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testCopyOutStreamsAllCSVBytes() async throws {
        let connection = try await connect()
        let expected = try await connection.execute(
            "SELECT sum(octet_length(i::text || ',row ' || i) + 1) FROM generate_series(1, 100000) i")
        let collected = Mutex((data: Data(), chunks: 0))
        let rows = try await connection.copyOut(
            "COPY (SELECT i, 'row ' || i FROM generate_series(1, 100000) i) TO STDOUT (FORMAT csv)"
        ) { chunk in
            collected.withLock { collected in
                collected.chunks += 1
                collected.data.append(contentsOf: chunk)
            }
        }
        let (received, chunks) = collected.withLock { ($0.data, $0.chunks) }
        XCTAssertEqual(rows, 100_000)
        XCTAssertEqual(String(received.count), expected.scalar)
        XCTAssertGreaterThan(chunks, 1)
        let text = String(decoding: received, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("1,row 1\n2,row 2\n"))
        XCTAssertTrue(text.hasSuffix("100000,row 100000\n"))
    }

    func testCopyOutStreamsBinaryFormat() async throws {
        let connection = try await connect()
        let collected = Mutex([UInt8]())
        let rows = try await connection.copyOut(
            "COPY (SELECT i::int4 FROM generate_series(1, 1000) i) TO STDOUT (FORMAT binary)"
        ) { chunk in
            collected.withLock { $0.append(contentsOf: chunk) }
        }
        let received = collected.withLock { $0 }
        XCTAssertEqual(rows, 1000)
        // Header: 11-byte signature, 4-byte flags, 4-byte extension length; per row: 2-byte field count,
        // 4-byte length, 4-byte int4; trailer: 2 bytes (-1).
        XCTAssertEqual(received.count, 19 + 1000 * 10 + 2)
        XCTAssertEqual(Array(received.prefix(11)), Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        XCTAssertEqual(Array(received.suffix(2)), [0xFF, 0xFF])
        // The last row holds 1000 = 0x000003E8.
        XCTAssertEqual(Array(received.suffix(6).prefix(4)), [0x00, 0x00, 0x03, 0xE8])
    }

    func testErrorThrownFromCopyCallbackLeavesConnectionUsable() async throws {
        struct Stop: Error {}
        let connection = try await connect()
        let seen = Mutex(0)
        do {
            _ = try await connection.copyOut(
                "COPY (SELECT i FROM generate_series(1, 5000000) i) TO STDOUT"
            ) { _ in
                let count = seen.withLock { seen in
                    seen += 1
                    return seen
                }
                if count == 10 { throw Stop() }
            }
            XCTFail("expected the callback's error")
        } catch is Stop {
            XCTAssertEqual(seen.withLock { $0 }, 10)
        }
        let healthy = await connection.isHealthy()
        XCTAssertTrue(healthy)
        let value = try await connection.execute("SELECT 'after copy'").scalar
        XCTAssertEqual(value, "after copy")
    }

    func testCopyOutReportsServerErrors() async throws {
        let connection = try await connect()
        do {
            _ = try await connection.copyOut("COPY (SELECT 1 / 0) TO STDOUT") { _ in }
            XCTFail("expected division by zero")
        } catch let error as PostgresError {
            XCTAssertEqual(error.sqlstate, "22012")
        }
        do {
            _ = try await connection.copyOut("SELECT 1") { _ in }
            XCTFail("expected a protocol error")
        } catch let error as PostgresError {
            guard case .protocolError = error else { return XCTFail("unexpected \(error)") }
        }
        let value = try await connection.execute("SELECT 5").scalar
        XCTAssertEqual(value, "5")
    }

    func testCopyToStdoutThroughExecuteIsRejectedAndDrained() async throws {
        let connection = try await connect()
        do {
            _ = try await connection.execute("COPY (SELECT i FROM generate_series(1, 1000) i) TO STDOUT")
            XCTFail("expected a protocol error")
        } catch let error as PostgresError {
            guard case .protocolError = error else { return XCTFail("unexpected \(error)") }
        }
        let value = try await connection.execute("SELECT 6").scalar
        XCTAssertEqual(value, "6")
    }

    func testDescribeReturnsColumnNamesTypesAndModifiers() async throws {
        let connection = try await connect()
        let columns = try await connection.describe(
            "SELECT 1::int4 AS a, 'x'::text AS \"B c\", 1.5::numeric(10,2) AS amount, now() AS at WHERE $1::int > 0")
        XCTAssertEqual(columns.map(\.name), ["a", "B c", "amount", "at"])
        XCTAssertEqual(columns.map(\.typeOID), [23, 25, 1700, 1184])
        // numeric(10,2): ((10 << 16) | 2) + 4 (VARHDRSZ).
        XCTAssertEqual(columns[2].typeModifier, Int32((10 << 16) | 2) + 4)
        XCTAssertEqual(columns[0].typeModifier, -1)
    }

    func testDescribeReportsErrorsWithPosition() async throws {
        let connection = try await connect()
        do {
            _ = try await connection.describe("SELECT missing_column FROM pg_class")
            XCTFail("expected an error")
        } catch let error as PostgresError {
            XCTAssertEqual(error.sqlstate, "42703")
            XCTAssertEqual(error.location(in: "SELECT missing_column FROM pg_class")?.column, 8)
        }
    }

    func testClosedConnectionRefusesStatements() async throws {
        let connection = try await connect()
        await connection.close()
        do {
            _ = try await connection.execute("SELECT 1")
            XCTFail("expected connectionClosed")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .connectionClosed)
        }
        let healthy = await connection.isHealthy()
        XCTAssertFalse(healthy)
    }

    func testTerminatedBackendMakesConnectionUnhealthy() async throws {
        let connection = try await connect()
        let admin = try await connect()
        let healthyBefore = await connection.isHealthy()
        XCTAssertTrue(healthyBefore)
        _ = try await admin.execute("SELECT pg_terminate_backend($1)", parameters: [String(connection.backendPID)])
        let gone = try await eventually {
            try await admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                                    parameters: [String(connection.backendPID)]).scalar == "0"
        }
        XCTAssertTrue(gone)
        let healthy = await connection.isHealthy()
        XCTAssertFalse(healthy)
    }
}
