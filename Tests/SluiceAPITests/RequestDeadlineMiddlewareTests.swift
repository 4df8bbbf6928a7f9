import Hummingbird
import HummingbirdTesting
@testable import SluiceAPI
import XCTest

final class RequestDeadlineMiddlewareTests: XCTestCase {
    private func application() -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: APIErrorMiddleware(mask: { $0 }))
        router.add(middleware: RequestDeadlineMiddleware(limit: .milliseconds(200)))
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(120))
            return "late"
        }
        router.get("/fast") { _, _ in "in time" }
        return Application(router: router)
    }

    func testAHandlerPastTheDeadlineIsStoppedWithA503SayingSo() async throws {
        try await application().test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/slow", method: .get) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
                XCTAssertTrue(String(buffer: response.body).contains("took longer than 0.2 s"), String(buffer: response.body))
            }
            // The handler was cancelled, not waited for: far less than its two minutes.
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(60))
        }
    }

    func testAHandlerWithinTheDeadlineAnswersAsItWould() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/fast", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(String(buffer: response.body), "in time")
            }
        }
    }
}
