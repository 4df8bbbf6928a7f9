import SluiceStore
import XCTest

final class StoreLocationTests: XCTestCase {
    func testSluiceHomeFromEnvironmentWins() {
        let location = StoreLocation.resolve(environment: ["SLUICE_HOME": "/var/lib/sluice"], currentDirectory: "/work")
        XCTAssertEqual(location.home.path, "/var/lib/sluice")
        XCTAssertEqual(location.databasePath, "/var/lib/sluice/sluice.db")
        XCTAssertEqual(location.lockPath, "/var/lib/sluice/scheduler.lock")
    }

    func testRelativeSluiceHomeIsResolvedAgainstCurrentDirectory() {
        let location = StoreLocation.resolve(environment: ["SLUICE_HOME": "state"], currentDirectory: "/work/project")
        XCTAssertEqual(location.home.path, "/work/project/state")
    }

    func testDefaultIsDotSluiceInCurrentDirectory() {
        XCTAssertEqual(StoreLocation.resolve(environment: [:], currentDirectory: "/work/project").home.path, "/work/project/.sluice")
        XCTAssertEqual(StoreLocation.resolve(environment: ["SLUICE_HOME": ""], currentDirectory: "/srv").home.path, "/srv/.sluice")
    }
}
