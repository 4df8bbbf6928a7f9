import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path (never the query or headers, where tokens travel), status,
/// and milliseconds.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func line(_ status: Int) {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info("\(request.method) \(request.uri.path) \(status) \(String(format: "%.1f", ms)) ms")
        }
        do {
            let response = try await next(request, context)
            line(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            line(error.status.code)
            throw error
        } catch {
            line(500)
            throw error
        }
    }
}
