@testable import SluiceExport
import XCTest

/// Who an export waits for when its deadline passes: the channel between the database reader and the
/// uploader tells, so the timeout message names the right party.
final class ChunkChannelTests: XCTestCase {
    private struct Expired: Error, Equatable {}

    func testTheUploaderIsNotBlamedWhileItHasNothingToUpload() {
        let channel = ChunkChannel(capacity: 2)
        XCTAssertFalse(channel.failIfConsumerBusy(Expired()))
        XCTAssertNoThrow(try channel.send(.begin(key: "part-00000.csv")), "the channel must stay usable")
    }

    func testTheUploaderIsBlamedWhileItHoldsAnItemAndTheReaderThenStops() async throws {
        let channel = ChunkChannel(capacity: 2)
        try channel.send(.begin(key: "part-00000.csv"))
        _ = try await channel.next()
        XCTAssertEqual(channel.currentKey, "part-00000.csv")
        XCTAssertTrue(channel.failIfConsumerBusy(Expired()))
        XCTAssertThrowsError(try channel.send(.bytes([1, 2, 3]))) { XCTAssertEqual($0 as? Expired, Expired()) }
    }

    func testTheUploaderIsBlamedWhenItemsWaitForIt() throws {
        let channel = ChunkChannel(capacity: 2)
        try channel.send(.begin(key: "part-00000.csv"))
        XCTAssertTrue(channel.failIfConsumerBusy(Expired()))
    }
}
