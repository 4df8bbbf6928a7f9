import Foundation
import SluiceDelivery
import XCTest

/// Who holds a claim, and when a restarted process may take it over at once.
final class DeliverySettingsTests: XCTestCase {
    private let host = ProcessInfo.processInfo.hostName

    func testTheOwnerNamesThisHostAndProcess() {
        let owner = DeliverySettings.processOwner()
        XCTAssertTrue(owner.hasPrefix("\(host)/\(getpid())/"), owner)
        XCTAssertNotEqual(owner, DeliverySettings.processOwner(), "each delivering service has its own owner")
    }

    func testAnOwnerWhoseProcessExitedIsGone() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        XCTAssertTrue(DeliverySettings.isGone("\(host)/\(child.processIdentifier)/abcd1234"))
    }

    func testLiveOwnersOtherHostsAndUnreadableOwnersAreNotGone() {
        XCTAssertFalse(DeliverySettings.isGone(DeliverySettings.processOwner()), "this process")
        XCTAssertFalse(DeliverySettings.isGone("\(host)/1/abcd1234"), "init runs")
        XCTAssertFalse(DeliverySettings.isGone("other-host.example/999999/abcd1234"), "another host: its lease decides")
        XCTAssertFalse(DeliverySettings.isGone("garbage"))
        XCTAssertFalse(DeliverySettings.isGone("\(host)/notapid/x"))
    }
}
