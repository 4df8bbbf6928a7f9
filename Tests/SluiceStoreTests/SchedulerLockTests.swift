import Foundation
import SluiceStore
import XCTest

final class SchedulerLockTests: XCTestCase {
    private var fixture: StoreFixture!
    private var location: StoreLocation!

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        location = StoreLocation(home: fixture.folder.appendingPathComponent(".sluice", isDirectory: true))
    }

    override func tearDown() { fixture.remove() }

    func testLockRecordsHolderAndIsExclusiveUntilReleased() throws {
        let lock = try SchedulerLock.acquire(location: location, pid: 4242, host: "box-a")
        XCTAssertTrue(lock.isHeld)
        XCTAssertEqual(try String(contentsOfFile: location.lockPath, encoding: .utf8), "4242 box-a\n")

        XCTAssertThrowsError(try SchedulerLock.acquire(location: location, pid: 1, host: "box-b")) { error in
            XCTAssertEqual(error as? StoreError, .schedulerLockHeld(pid: 4242, host: "box-a", home: self.location.home.path))
        }
        lock.release()
        XCTAssertFalse(lock.isHeld)
        lock.release()
        let next = try SchedulerLock.acquire(location: location, pid: 7, host: "box-b")
        XCTAssertEqual(try String(contentsOfFile: location.lockPath, encoding: .utf8), "7 box-b\n")
        withExtendedLifetime(next) {}
    }

    func testLockIsFreedWhenItsValueGoesAway() throws {
        do {
            _ = try SchedulerLock.acquire(location: location)
        }
        let lock = try SchedulerLock.acquire(location: location)
        XCTAssertTrue(lock.isHeld)
    }

    func testLockHeldByAnotherProcessFailsWithItsPidUntilThatProcessIsKilled() throws {
        try FileManager.default.createDirectory(at: location.home, withIntermediateDirectories: true)
        // The child takes the flock on fd 9, records itself the way Sluice does, says so, then
        // becomes `sleep` (same pid, fd 9 still open). It ends by itself if the test dies.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", #"exec 9>>"$1"; /usr/bin/flock -x 9 || exit 3; echo "$$ child-host" > "$1"; echo ready; exec sleep 30"#,
                           "sh", location.lockPath]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        defer {
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
        }
        let greeting = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        XCTAssertEqual(greeting, "ready\n")

        XCTAssertThrowsError(try SchedulerLock.acquire(location: location)) { error in
            XCTAssertEqual(
                "\(error)",
                "another Sluice scheduler (pid \(child.processIdentifier) on child-host) is already using \(self.location.home.path); stop it first or set SLUICE_HOME to another folder")
        }

        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        let lock = try SchedulerLock.acquire(location: location, pid: getpid(), host: "me")
        XCTAssertTrue(lock.isHeld)
        XCTAssertEqual(try String(contentsOfFile: location.lockPath, encoding: .utf8), "\(getpid()) me\n")
    }

    func testUnknownHolderStillGivesAnActionableMessage() {
        let message = StoreError.schedulerLockHeld(pid: nil, host: nil, home: "/srv/.sluice").description
        XCTAssertEqual(message, "another Sluice scheduler (pid unknown) is already using /srv/.sluice; stop it first or set SLUICE_HOME to another folder")
    }
}
