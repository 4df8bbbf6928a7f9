import Foundation
@testable import SluiceAuth
import SluiceStore
import XCTest

final class AuthServiceTests: XCTestCase {
    private var fixture: AuthFixture!
    private var auth: AuthService { fixture.auth }
    private let t0 = AuthFixture.t0
    private let password = "correct horse battery"

    override func setUp() async throws {
        fixture = try await AuthFixture.make()
    }

    override func tearDown() async throws {
        fixture?.remove()
    }

    func testPasswordsAreBcryptCost12AndVerifyOnlyTheSamePassword() async throws {
        let hasher = PasswordHasher()
        let hash = try await hasher.hash(password)
        XCTAssertTrue(hash.hasPrefix("$2b$12$"), hash)
        XCTAssertEqual(hash.count, 60)
        XCTAssertFalse(hash.contains(password))
        let same = await hasher.verify(password, hash: hash)
        let other = await hasher.verify(password + "!", hash: hash)
        let garbage = await hasher.verify(password, hash: "not a hash")
        XCTAssertTrue(same)
        XCTAssertFalse(other)
        XCTAssertFalse(garbage)
    }

    func testTimingHashIsABcryptHashNoPasswordMatches() async {
        XCTAssertTrue(AuthService.timingHash.hasPrefix("$2b$12$"))
        XCTAssertEqual(AuthService.timingHash.count, 60)
        let matches = await PasswordHasher().verify(password, hash: AuthService.timingHash)
        XCTAssertFalse(matches)
    }

    func testShortOverlongAndNulPasswordsAreRefusedWithoutQuotingThem() async throws {
        for bad in ["seven77", String(repeating: "p", count: 73), String(repeating: "é", count: 37), "password\0suffix"] {
            await assertThrows(try await auth.createUser(name: "jane", role: .viewer, password: bad, now: t0)) { error in
                guard case .invalidPassword = error as? AuthError else { return XCTFail("\(error)") }
                XCTAssertFalse("\(error)".contains(bad), "\(error)")
            }
        }
        try await auth.createUser(name: "jane", role: .viewer, password: String(repeating: "p", count: 72), now: t0)
        let users = try await auth.users()
        XCTAssertEqual(users.map(\.name), ["jane"])
    }

    func testUsersAreListedWithRolesAndDuplicateOrUnknownNamesAreRefused() async throws {
        try await auth.createUser(name: "zed", role: .admin, password: password, now: t0)
        try await auth.createUser(name: "amy", role: .operator, password: password, now: t0)
        let users = try await auth.users()
        XCTAssertEqual(users, [UserInfo(name: "amy", role: .operator, createdAt: t0), UserInfo(name: "zed", role: .admin, createdAt: t0)])
        await assertThrows(try await auth.createUser(name: "amy", role: .viewer, password: password, now: t0)) {
            XCTAssertEqual($0 as? AuthError, .userExists("amy"))
        }
        await assertThrows(try await auth.createUser(name: "bad name", role: .viewer, password: password, now: t0)) {
            XCTAssertEqual($0 as? AuthError, .invalidName("bad name", kind: "user"))
        }
        await assertThrows(try await auth.deleteUser(name: "nobody")) { XCTAssertEqual($0 as? AuthError, .userNotFound("nobody")) }
        try await auth.deleteUser(name: "zed")
        let left = try await auth.users()
        XCTAssertEqual(left.map(\.name), ["amy"])
    }

    func testLoginIssuesA24HourSessionTokenOnlyForTheRightPassword() async throws {
        try await auth.createUser(name: "amy", role: .operator, password: password, now: t0)
        let wrong = try await auth.login(username: "amy", password: "wrong password", now: t0)
        let unknown = try await auth.login(username: "bob", password: password, now: t0)
        XCTAssertNil(wrong)
        XCTAssertNil(unknown)
        let issued = try await XCTUnwrapAsync(try await auth.login(username: "amy", password: password, now: t0))
        XCTAssertEqual(issued.expiresAt, t0.addingTimeInterval(86_400))
        let principal = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(86_399))
        XCTAssertEqual(principal, Principal(name: "amy", role: .operator, kind: .session))
        let expired = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(86_400))
        XCTAssertNil(expired)
    }

    func testSessionTokensOfADeletedUserAreRefusedAndRemoved() async throws {
        try await auth.createUser(name: "amy", role: .admin, password: password, now: t0)
        let issued = try await auth.issueSessionToken(user: "amy", now: t0)
        let before = try await auth.authenticate(bearer: issued.token, now: t0)
        XCTAssertEqual(before?.role, .admin)
        try await auth.deleteUser(name: "amy")
        let after = try await auth.authenticate(bearer: issued.token, now: t0)
        XCTAssertNil(after)
        let sessions = try await fixture.store.tokens(kind: "session")
        XCTAssertEqual(sessions, [])
        // A new user of the same name does not inherit the old sessions.
        try await auth.createUser(name: "amy", role: .admin, password: password, now: t0)
        let recreated = try await auth.authenticate(bearer: issued.token, now: t0)
        XCTAssertNil(recreated)
        await assertThrows(try await auth.issueSessionToken(user: "ghost", now: t0)) { XCTAssertEqual($0 as? AuthError, .userNotFound("ghost")) }
    }

    func testExpiredSessionsAreRemovedWhenTheNextTokenIsIssued() async throws {
        try await auth.createUser(name: "amy", role: .viewer, password: password, now: t0)
        _ = try await auth.issueSessionToken(user: "amy", now: t0)
        _ = try await auth.issueSessionToken(user: "amy", now: t0.addingTimeInterval(3_600))
        _ = try await auth.issueSessionToken(user: "amy", now: t0.addingTimeInterval(86_400))
        let sessions = try await fixture.store.tokens(kind: "session")
        XCTAssertEqual(sessions.map(\.createdAt), [t0.addingTimeInterval(3_600), t0.addingTimeInterval(86_400)])
    }

    func testAutomationTokensAuthenticateWithTheirRoleUntilRevoked() async throws {
        let issued = try await auth.createAutomationToken(name: "ci", role: .operator, expiresIn: nil, now: t0)
        XCTAssertNil(issued.expiresAt)
        let principal = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(1e8))
        XCTAssertEqual(principal, Principal(name: "ci", role: .operator, kind: .automation))
        await assertThrows(try await auth.createAutomationToken(name: "ci", role: .viewer, expiresIn: nil, now: t0)) {
            XCTAssertEqual($0 as? AuthError, .tokenExists("ci"))
        }
        try await auth.revokeToken(name: "ci")
        let revoked = try await auth.authenticate(bearer: issued.token, now: t0)
        XCTAssertNil(revoked)
        await assertThrows(try await auth.revokeToken(name: "ci")) { XCTAssertEqual($0 as? AuthError, .tokenNotFound("ci")) }
        let tokens = try await auth.tokens()
        XCTAssertEqual(tokens, [])
    }

    func testAutomationTokensExpireAfterTheirLifetime() async throws {
        let issued = try await auth.createAutomationToken(name: "nightly", role: .viewer, expiresIn: 90 * 86_400, now: t0)
        XCTAssertEqual(issued.expiresAt, t0.addingTimeInterval(90 * 86_400))
        let inside = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(90 * 86_400 - 1))
        let after = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(90 * 86_400))
        XCTAssertEqual(inside?.name, "nightly")
        XCTAssertNil(after)
    }

    func testUnknownAndMalformedBearersAreRefused() async throws {
        _ = try await auth.createAutomationToken(name: "ci", role: .admin, expiresIn: nil, now: t0)
        for bearer in ["", "sluice_", APIToken.generate(), "Bearer " + APIToken.generate(), "' OR 1=1 --"] {
            let principal = try await auth.authenticate(bearer: bearer, now: t0)
            XCTAssertNil(principal, bearer)
        }
    }

    func testLastUseIsWrittenAtMostOncePerMinute() async throws {
        let issued = try await auth.createAutomationToken(name: "ci", role: .viewer, expiresIn: nil, now: t0)
        func lastUsed() async throws -> Date? { try await auth.tokens().first?.lastUsedAt }
        let unused = try await lastUsed()
        XCTAssertNil(unused)
        for offset in [10.0, 20, 69] {
            _ = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(offset))
        }
        let first = try await lastUsed()
        XCTAssertEqual(first, t0.addingTimeInterval(10))
        _ = try await auth.authenticate(bearer: issued.token, now: t0.addingTimeInterval(70))
        let second = try await lastUsed()
        XCTAssertEqual(second, t0.addingTimeInterval(70))
        // The conditional write also holds when two processes race: an older use never overwrites.
        let wrote = try await fixture.store.touchToken(id: 1, now: t0.addingTimeInterval(80), ifLastUsedNoLaterThan: t0.addingTimeInterval(20))
        XCTAssertFalse(wrote)
    }

    func testTheStoreHoldsNeitherPasswordsNorTokens() async throws {
        try await auth.createUser(name: "amy", role: .admin, password: password, now: t0)
        let session = try await XCTUnwrapAsync(try await auth.login(username: "amy", password: password, now: t0))
        let automation = try await auth.createAutomationToken(name: "ci", role: .admin, expiresIn: nil, now: t0)
        _ = try await auth.authenticate(bearer: automation.token, now: t0)
        let bytes = try fixture.storedBytes()
        XCTAssertGreaterThan(bytes.count, 0)
        for secret in [password, session.token, automation.token, String(automation.token.dropFirst(7))] {
            XCTAssertNil(bytes.range(of: Data(secret.utf8)), "found a secret in the store")
        }
        XCTAssertNotNil(bytes.range(of: Data(APIToken.digest(automation.token).utf8)))
    }

    private func assertThrows<T>(_ body: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
                                 _ check: (any Error) -> Void) async {
        do {
            _ = try await body()
            XCTFail("expected an error", file: file, line: line)
        } catch {
            check(error)
        }
    }

    private func XCTUnwrapAsync<T>(_ body: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
        let value = try await body()
        return try XCTUnwrap(value, file: file, line: line)
    }
}
