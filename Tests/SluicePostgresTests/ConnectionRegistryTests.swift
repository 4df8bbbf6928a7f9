import SluicePostgres
import XCTest

final class ConnectionRegistryTests: XCTestCase {
    let environment = [
        "SLUICE_CONN_WAREHOUSE": "postgresql://etl:wh-secret@wh.internal:5432/dwh",
        "SLUICE_CONN_WAREHOUSE_POOL": "8",
        "SLUICE_CONN_CRATE_LOGS": "postgres://crate@logs:5432/doc?sslmode=disable",
        "SLUICE_CONN_BROKEN": "not a uri with cleartext",
        "SLUICE_CONN_BADPOOL": "postgresql://h/d",
        "SLUICE_CONN_BADPOOL_POOL": "lots",
        "PATH": "/usr/bin",
    ]

    func testIdsMatchVariablesCaseInsensitively() throws {
        let registry = ConnectionRegistry(environment: environment)
        for id in ["warehouse", "WAREHOUSE", "WareHouse"] {
            let entry = try registry.entry(for: id)
            XCTAssertEqual(entry.config.host, "wh.internal")
            XCTAssertEqual(entry.maxConnections, 8)
            XCTAssertEqual(entry.id, "warehouse")
        }
        XCTAssertEqual(try registry.config(for: "crate-logs").user, "crate")
        XCTAssertEqual(try registry.entry(for: "crate_logs").maxConnections, ConnectionRegistry.defaultMaxConnections)
    }

    func testIdsListsConnectionsButNotPoolSizes() {
        let registry = ConnectionRegistry(environment: environment)
        XCTAssertEqual(registry.ids, ["badpool", "broken", "crate_logs", "warehouse"])
    }

    func testUnknownIdNamesTheVariableToSet() {
        let registry = ConnectionRegistry(environment: environment)
        XCTAssertThrowsError(try registry.entry(for: "analytics")) { error in
            XCTAssertEqual(error as? PostgresError,
                           .unknownConnection(id: "analytics", environmentVariable: "SLUICE_CONN_ANALYTICS"))
            XCTAssertTrue(String(describing: error).contains("SLUICE_CONN_ANALYTICS"))
        }
    }

    func testMalformedValuesNameTheirVariable() {
        let registry = ConnectionRegistry(environment: environment)
        XCTAssertThrowsError(try registry.entry(for: "broken")) { error in
            XCTAssertTrue(String(describing: error).contains("SLUICE_CONN_BROKEN"), "\(error)")
        }
        XCTAssertThrowsError(try registry.entry(for: "badpool")) { error in
            XCTAssertTrue(String(describing: error).contains("SLUICE_CONN_BADPOOL_POOL"), "\(error)")
        }
    }

    func testSecretValuesListsEveryPassword() {
        let registry = ConnectionRegistry(environment: environment)
        let secrets = registry.secretValues
        XCTAssertTrue(secrets.contains("wh-secret"))
        // An unparseable value is masked whole.
        XCTAssertTrue(secrets.contains("not a uri with cleartext"))
        XCTAssertFalse(secrets.contains("8"))
        XCTAssertFalse(secrets.contains("/usr/bin"))
    }
}
