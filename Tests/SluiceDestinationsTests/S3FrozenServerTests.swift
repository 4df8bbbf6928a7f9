import Foundation
import SluiceTestSupport
import XCTest
@testable import SluiceDestinations

/// A moto_server frozen with SIGSTOP: requests end by the stalled-transfer timeout or by cancelling the calling
/// task, never by the server coming back, and the error names the object and the endpoint.
final class S3FrozenServerTests: XCTestCase {
    /// A moto_server, frozen, and a destination on it with one try per request; thawed and stopped after the test.
    private func frozenDestination(stallTimeout: Int) async throws -> (MotoS3Server, S3Destination) {
        let moto = try await MotoS3Server()
        let pid = moto.process.processIdentifier
        addTeardownBlock {
            kill(pid, SIGCONT)
            moto.stop()
        }
        var configuration = moto.configuration(retry: RequestRetryPolicy(maxAttempts: 1))
        configuration.stallTimeout = stallTimeout
        kill(pid, SIGSTOP)
        return (moto, S3Destination(configuration: configuration))
    }

    func testARequestToAFrozenS3FailsAfterTheStallTimeoutNamingTheObjectAndTheEndpoint() async throws {
        let (moto, destination) = try await frozenDestination(stallTimeout: 2)
        do {
            _ = try await destination.put(key: "frozen.bin", data: Data(count: 1000), contentType: nil)
            XCTFail("a put to a frozen server succeeded")
        } catch let error as DestinationError {
            XCTAssertEqual(error.description, "S3 PutObject of s3://sluice-test/base/prefix/frozen.bin failed: no answer "
                + "(connect timeout 10 s, stalled-transfer timeout 2 s) (curl error 28) at endpoint http://127.0.0.1:\(moto.port).")
        }
    }

    func testCancellingTheTaskAbortsARequestToAFrozenS3() async throws {
        let (moto, destination) = try await frozenDestination(stallTimeout: 3600)
        let request = Task { try await destination.put(key: "cancelled.bin", data: Data(count: 1000), contentType: nil) }
        // Cancelled before or while it waits on the frozen server: either way it must end at once.
        request.cancel()
        do {
            _ = try await request.value
            XCTFail("a put to a frozen server succeeded")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .cancelled(operation: "PutObject", uri: "s3://sluice-test/base/prefix/cancelled.bin",
                                             endpoint: "http://127.0.0.1:\(moto.port)"))
        }
    }
}
