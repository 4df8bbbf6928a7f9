@testable import SluicePostgres
import XCTest

final class ConnectionConfigTests: XCTestCase {
    func testURIFieldsArePercentDecoded() throws {
        let config = try ConnectionConfig(uri: "postgresql://us%40er:p%40ss%3Aw%2Fd@db.example.com:6543/my%20db?sslmode=require&application_name=etl%20job")
        XCTAssertEqual(config.user, "us@er")
        XCTAssertEqual(config.password, "p@ss:w/d")
        XCTAssertEqual(config.host, "db.example.com")
        XCTAssertEqual(config.port, 6543)
        XCTAssertEqual(config.database, "my db")
        XCTAssertEqual(config.options, ["sslmode": "require", "application_name": "etl job"])
    }

    func testPostgresSchemeAndMissingPartsAreAccepted() throws {
        let config = try ConnectionConfig(uri: "postgres://localhost")
        XCTAssertEqual(config.host, "localhost")
        XCTAssertNil(config.port)
        XCTAssertNil(config.user)
        XCTAssertNil(config.password)
        XCTAssertNil(config.database)
        let bare = try ConnectionConfig(uri: "postgresql://")
        XCTAssertEqual(bare, ConnectionConfig())
    }

    func testUnencodedAtSignInPasswordUsesTheLastAt() throws {
        let config = try ConnectionConfig(uri: "postgresql://crate:se@cret@10.0.0.5:5432/doc")
        XCTAssertEqual(config.user, "crate")
        XCTAssertEqual(config.password, "se@cret")
        XCTAssertEqual(config.host, "10.0.0.5")
    }

    func testIPv6HostAndSocketDirectory() throws {
        let v6 = try ConnectionConfig(uri: "postgresql://u@[::1]:5433/db")
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.port, 5433)
        XCTAssertEqual(v6.redacted, "postgresql://u@[::1]:5433/db")
        let socket = try ConnectionConfig(uri: "postgresql://%2Fvar%2Frun%2Fpostgresql/db")
        XCTAssertEqual(socket.host, "/var/run/postgresql")
    }

    func testQueryParametersOverrideFieldsAndSSLTrueMeansRequire() throws {
        let config = try ConnectionConfig(uri: "postgresql:///db?host=h&port=7&user=u&password=pw&ssl=true")
        XCTAssertEqual(config.host, "h")
        XCTAssertEqual(config.port, 7)
        XCTAssertEqual(config.user, "u")
        XCTAssertEqual(config.password, "pw")
        XCTAssertEqual(config.options, ["sslmode": "require"])
    }

    func testInvalidURIsAreRejectedWithoutQuotingThePassword() {
        let cases: [(String, String)] = [
            ("mysql://u:topsecret@h/db", "must start with postgresql://"),
            ("postgresql://u:topsecret@h:notaport/db", "port"),
            ("postgresql://u:topsecret@h:70000/db", "port"),
            ("postgresql://u:top%zzsecret@h/db", "percent-encoding"),
            ("postgresql://u:topsecret@h/db?bogus_option=1", "bogus_option"),
            ("postgresql://u:topsecret@h1,h2/db", "one host"),
            ("postgresql://u:topsecret@h/db?sslmode", "=value"),
        ]
        for (uri, expected) in cases {
            XCTAssertThrowsError(try ConnectionConfig(uri: uri), uri) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.contains(expected), "\(uri): \(text)")
                XCTAssertFalse(text.contains("topsecret"), "\(uri): \(text)")
            }
        }
    }

    func testRedactedMasksPasswordAndSecretOptions() throws {
        let config = try ConnectionConfig(uri: "postgresql://user:s3cr%2Ft@host:5432/db?sslpassword=keypass&sslmode=verify-full")
        XCTAssertEqual(config.redacted, "postgresql://user:***@host:5432/db?sslmode=verify-full&sslpassword=***")
        XCTAssertEqual(config.description, config.redacted)
        XCTAssertFalse(String(describing: config).contains("s3cr"))
        XCTAssertFalse(config.redacted.contains("keypass"))
    }

    func testRedactedRoundTripsThroughTheParser() throws {
        let config = ConnectionConfig(host: "h", port: 1, user: "a b", password: nil, database: "d/é", options: ["sslmode": "disable"])
        XCTAssertEqual(try ConnectionConfig(uri: config.redacted), config)
    }

    func testKeyValueStringIsParsedByLibpq() throws {
        let config = try ConnectionConfig(parsing: "host=127.0.0.1 port=5433 user=postgres password='it\\'s secret' dbname=warehouse sslmode=disable")
        XCTAssertEqual(config.host, "127.0.0.1")
        XCTAssertEqual(config.port, 5433)
        XCTAssertEqual(config.user, "postgres")
        XCTAssertEqual(config.password, "it's secret")
        XCTAssertEqual(config.database, "warehouse")
        XCTAssertEqual(config.options, ["sslmode": "disable"])
        XCTAssertThrowsError(try ConnectionConfig(parsing: "host=h password='se cret' nonsense")) { error in
            XCTAssertFalse(String(describing: error).contains("cret"))
        }
        XCTAssertThrowsError(try ConnectionConfig(parsing: "host=h password=abc'def xyz"))
        XCTAssertEqual(try ConnectionConfig(parsing: "postgresql://h/d").database, "d")
    }

    func testScrubbingRemovesThePasswordAndJoinsLines() {
        let scrubbed = PostgresError.scrubbed("FATAL: bad pass hunter2\n\tretry hunter2 later\n", password: "hunter2")
        XCTAssertEqual(scrubbed, "FATAL: bad pass *** retry *** later")
    }
}

final class ConnectionDefaultsTests: XCTestCase {
    private func parameters(_ uri: String) throws -> [String: String] {
        Dictionary(try ConnectionConfig(uri: uri).libpqParameters.map { ($0.keyword, $0.value) }) { first, _ in first }
    }

    func testEveryConnectionGetsAConnectTimeoutAndTCPKeepalives() throws {
        let sent = try parameters("postgresql://u@db.example.com/warehouse")
        XCTAssertEqual(sent["connect_timeout"], "10")
        XCTAssertEqual(sent["keepalives"], "1")
        XCTAssertEqual(sent["keepalives_idle"], "30")
        XCTAssertEqual(sent["keepalives_interval"], "10")
        XCTAssertEqual(sent["keepalives_count"], "3")
    }

    func testKeepaliveAndConnectTimeoutSetInTheURIWin() throws {
        let sent = try parameters("postgresql://u@db/w?keepalives_idle=120&keepalives_count=9&connect_timeout=3")
        XCTAssertEqual(sent["keepalives_idle"], "120")
        XCTAssertEqual(sent["keepalives_count"], "9")
        XCTAssertEqual(sent["connect_timeout"], "3")
    }

    func testServerDescriptionNamesHostAndPort() throws {
        XCTAssertEqual(try ConnectionConfig(uri: "postgresql://u@127.0.0.1:5433/d").serverDescription, "127.0.0.1:5433")
        XCTAssertEqual(try ConnectionConfig(uri: "postgresql://u@[::1]/d").serverDescription, "[::1]:5432")
    }
}
