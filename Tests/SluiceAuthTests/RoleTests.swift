import SluiceAuth
import XCTest

final class RoleTests: XCTestCase {
    func testViewerReadsOperatorAlsoOperatesAdminAlsoAdministers() {
        let expected: [(Role, APIAction, Bool)] = [
            (.viewer, .read, true), (.viewer, .operate, false), (.viewer, .administer, false),
            (.operator, .read, true), (.operator, .operate, true), (.operator, .administer, false),
            (.admin, .read, true), (.admin, .operate, true), (.admin, .administer, true),
        ]
        for (role, action, allowed) in expected {
            XCTAssertEqual(role.allows(action), allowed, "\(role) \(action)")
            XCTAssertEqual(Principal(name: "x", role: role, kind: .automation).allows(action), allowed, "\(role) \(action)")
        }
    }

    func testRolesAreOrderedViewerOperatorAdmin() {
        XCTAssertEqual(Role.allCases.sorted(), [.viewer, .operator, .admin])
        XCTAssertEqual(Role.allCases.map(\.rawValue), ["viewer", "operator", "admin"])
    }

    func testUnknownRoleSuggestsTheClosestAndListsTheRoles() throws {
        XCTAssertEqual(try Role(parsing: "operator"), .operator)
        XCTAssertThrowsError(try Role(parsing: "admn")) { error in
            XCTAssertEqual(error as? AuthError, .unknownRole("admn", suggestion: "admin"))
            XCTAssertEqual("\(error)", "unknown role 'admn'; did you mean 'admin'? (roles: viewer, operator, admin)")
        }
        XCTAssertThrowsError(try Role(parsing: "root")) { error in
            XCTAssertEqual("\(error)", "unknown role 'root' (roles: viewer, operator, admin)")
        }
    }

    func testNamesAreOneToSixtyFourSafeCharacters() {
        for good in ["a", "ci-bot", "jane.doe@example.com", "A_1", String(repeating: "x", count: 64)] {
            XCTAssertTrue(AuthName.isValid(good), good)
        }
        for bad in ["", String(repeating: "x", count: 65), "a b", "a/b", "é", "a\nb", "a:b"] {
            XCTAssertFalse(AuthName.isValid(bad), bad)
        }
    }

    func testExpiryAcceptsDurationsUpToTenYears() throws {
        XCTAssertEqual(try TokenLifetime.seconds(parsing: "90d"), 90 * 86_400)
        XCTAssertEqual(try TokenLifetime.seconds(parsing: "12h"), 12 * 3_600)
        for bad in ["0", "soon", "3651d", "-1d"] {
            XCTAssertThrowsError(try TokenLifetime.seconds(parsing: bad), bad) { XCTAssertTrue($0 is AuthError, "\($0)") }
        }
    }
}
