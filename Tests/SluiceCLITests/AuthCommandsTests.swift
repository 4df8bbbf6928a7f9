import Foundation
import SluiceAuth
import SluiceCore
import XCTest

/// `sluice users ...` and `sluice tokens ...` through the built binary.
final class AuthCommandsTests: CLIProjectTestCase {
    private let password = "s3cret-Pass-phrase"

    private func run(_ args: [String], stdin: String? = nil) throws -> CLIRunner.Result {
        try project.sluice(args, pg: pg, stdin: stdin)
    }

    private func jsonArray(_ args: [String]) throws -> [[String: Any]] {
        let r = try run(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
    }

    /// Asserts exit 1 with exactly one `error:` line on stderr containing `fragment`, and nothing on stdout.
    private func assertFails(_ r: CLIRunner.Result, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, r.stderr + r.stdout, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: ") && r.stderr.contains(fragment), r.stderr, file: file, line: line)
    }

    func testUsersCreateReadsThePasswordFromStdinAndListShowsNoHash() throws {
        let created = try run(["users", "create", "jane@example.com", "--role", "operator", "--password-stdin"], stdin: password + "\n")
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stdout, "user jane@example.com created with role operator\n")
        let admin = try run(["users", "create", "amy", "--role", "admin", "--password-stdin"], stdin: password)
        XCTAssertEqual(admin.status, 0, admin.stderr)

        let listed = try run(["users", "list"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let rows = listed.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.map { Array($0.prefix(2)) }, [["name", "role"], ["amy", "admin"], ["jane@example.com", "operator"]], listed.stdout)
        XCTAssertFalse(listed.stdout.contains("$2"), listed.stdout)

        let json = try jsonArray(["users", "list", "--json"])
        XCTAssertEqual(json.map { $0["name"] as? String }, ["amy", "jane@example.com"])
        XCTAssertEqual(json.map { $0["role"] as? String }, ["admin", "operator"])
        XCTAssertEqual(Set(json.flatMap(\.keys)), ["name", "role", "created_at"])
    }

    func testAUserCreatedByTheCLILogsInWithThePasswordGivenOnStdin() async throws {
        let created = try run(["users", "create", "jane", "--role", "viewer", "--password-stdin"], stdin: password + "\r\n")
        XCTAssertEqual(created.status, 0, created.stderr)
        let auth = AuthService(store: try await store())
        let wrong = try await auth.login(username: "jane", password: password + "x", now: Date())
        XCTAssertNil(wrong)
        let issued = try await auth.login(username: "jane", password: password, now: Date())
        let principal = try await auth.authenticate(bearer: try XCTUnwrap(issued).token, now: Date())
        XCTAssertEqual(principal, Principal(name: "jane", role: .viewer, kind: .session))
    }

    func testUsersCreateRefusesBadInputWithOneErrorLine() throws {
        assertFails(try run(["users", "create", "jane", "--role", "admn", "--password-stdin"], stdin: password), "did you mean 'admin'?")
        assertFails(try run(["users", "create", "jane", "--role", "admin"], stdin: password), "--password-stdin")
        assertFails(try run(["users", "create", "jane", "--role", "admin", "--password-stdin"]), "no password on standard input")
        assertFails(try run(["users", "create", "jane doe", "--role", "admin", "--password-stdin"], stdin: password), "user name 'jane doe' is not valid")
        let short = try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: "short7\n")
        assertFails(short, "at least 8 characters")
        XCTAssertFalse(short.stderr.contains("short7"))
        let long = String(repeating: "x", count: 73)
        let tooLong = try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: long)
        assertFails(tooLong, "at most 72 bytes")
        XCTAssertFalse(tooLong.stderr.contains(long))

        XCTAssertEqual(try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: password).status, 0)
        assertFails(try run(["users", "create", "jane", "--role", "viewer", "--password-stdin"], stdin: password), "a user named 'jane' exists already")
    }

    func testUsersDeleteRemovesTheUserAndTheirSessions() async throws {
        XCTAssertEqual(try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: password).status, 0)
        let auth = AuthService(store: try await store())
        let session = try await auth.issueSessionToken(user: "jane", now: Date())
        let deleted = try run(["users", "delete", "jane"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertEqual(deleted.stdout, "user jane deleted\n")
        let after = try await auth.authenticate(bearer: session.token, now: Date())
        XCTAssertNil(after)
        XCTAssertEqual(try jsonArray(["users", "list", "--json"]).count, 0)
        assertFails(try run(["users", "delete", "jane"]), "no user is named 'jane'")
    }

    func testTokensCreatePrintsTheTokenOnceAndListShowsItsRoleAndExpiry() async throws {
        let created = try run(["tokens", "create", "ci-bot", "--role", "operator", "--expires-in", "90d"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let token = created.stdout.trimmingCharacters(in: .newlines)
        XCTAssertEqual(created.stdout, token + "\n")
        XCTAssertTrue(APIToken.hasTokenShape(token), token)
        XCTAssertEqual(created.stderr.split(separator: "\n").count, 1, created.stderr)
        XCTAssertTrue(created.stderr.contains("shown only this once"), created.stderr)
        XCTAssertFalse(created.stderr.contains(token))
        XCTAssertEqual(try run(["tokens", "create", "reader", "--role", "viewer"]).status, 0)

        let principal = try await AuthService(store: try await store()).authenticate(bearer: token, now: Date())
        XCTAssertEqual(principal, Principal(name: "ci-bot", role: .operator, kind: .automation))

        let listed = try run(["tokens", "list"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.hasPrefix("name"), listed.stdout)
        XCTAssertTrue(listed.stdout.contains("ci-bot") && listed.stdout.contains("reader"), listed.stdout)
        let json = try jsonArray(["tokens", "list", "--json"])
        XCTAssertEqual(json.map { $0["name"] as? String }, ["ci-bot", "reader"])
        XCTAssertEqual(json.map { $0["role"] as? String }, ["operator", "viewer"])
        XCTAssertEqual(Set(json.flatMap(\.keys)), ["name", "role", "created_at", "expires_at", "last_used_at"])
        XCTAssertTrue(json[1]["expires_at"] is NSNull)
        XCTAssertNotNil(json[0]["last_used_at"] as? String, "the authentication above was recorded")
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let created0 = try XCTUnwrap(DateText.parse(try XCTUnwrap(json[0]["created_at"] as? String), in: utc))
        let expires0 = try XCTUnwrap(DateText.parse(try XCTUnwrap(json[0]["expires_at"] as? String), in: utc))
        XCTAssertEqual(expires0.timeIntervalSince(created0), 90 * 86_400, accuracy: 1)
    }

    func testTokensRevokeStopsTheTokenAndUnknownNamesAreErrors() async throws {
        let token = try run(["tokens", "create", "ci", "--role", "admin"]).stdout.trimmingCharacters(in: .newlines)
        let revoked = try run(["tokens", "revoke", "ci"])
        XCTAssertEqual(revoked.status, 0, revoked.stderr)
        XCTAssertEqual(revoked.stdout, "token ci revoked\n")
        let principal = try await AuthService(store: try await store()).authenticate(bearer: token, now: Date())
        XCTAssertNil(principal)
        XCTAssertEqual(try jsonArray(["tokens", "list", "--json"]).count, 0)
        assertFails(try run(["tokens", "revoke", "ci"]), "no token is named 'ci'")
    }

    func testTokensCreateRefusesBadInputWithOneErrorLine() throws {
        assertFails(try run(["tokens", "create", "ci", "--role", "viewr"]), "did you mean 'viewer'?")
        assertFails(try run(["tokens", "create", "ci", "--role", "viewer", "--expires-in", "soon"]), "--expires-in 'soon' is not usable")
        assertFails(try run(["tokens", "create", String(repeating: "n", count: 65), "--role", "viewer"]), "is not valid")
        XCTAssertEqual(try run(["tokens", "create", "ci", "--role", "viewer"]).status, 0)
        assertFails(try run(["tokens", "create", "ci", "--role", "admin"]), "a token named 'ci' exists already")
    }

    func testPasswordAndTokenAppearInNoStoreFileAndNoOtherOutput() async throws {
        var outputs: [CLIRunner.Result] = []
        outputs.append(try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: password + "\n"))
        let created = try run(["tokens", "create", "ci", "--role", "admin", "--expires-in", "1d"])
        let token = created.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(APIToken.hasTokenShape(token), created.stdout + created.stderr)
        let auth = AuthService(store: try await store())
        let session = try await auth.login(username: "jane", password: password, now: Date())
        _ = try await auth.authenticate(bearer: token, now: Date())
        for args in [["users", "list"], ["users", "list", "--json"], ["tokens", "list"], ["tokens", "list", "--json"]] {
            outputs.append(try run(args))
        }
        outputs.append(try run(["users", "create", "jane", "--role", "admin", "--password-stdin"], stdin: password))
        outputs.append(try run(["tokens", "create", "ci", "--role", "admin"]))

        let secrets = [password, token, String(token.dropFirst(APIToken.prefix.count)), try XCTUnwrap(session).token]
        for r in outputs + [Self.stderrOnly(created)] {
            for secret in secrets {
                XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret), "a secret in output: \(r.stdout) \(r.stderr)")
            }
        }
        var files = 0
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: project.home, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files += 1
            let bytes = try Data(contentsOf: url)
            for secret in secrets {
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "a secret in \(url.lastPathComponent)")
            }
        }
        XCTAssertGreaterThanOrEqual(files, 2, "the store and its WAL")
    }

    private static func stderrOnly(_ r: CLIRunner.Result) -> CLIRunner.Result {
        CLIRunner.Result(status: r.status, stdout: "", stderr: r.stderr)
    }
}
