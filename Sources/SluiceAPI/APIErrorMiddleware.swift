import Foundation
import Hummingbird
import Logging

/// Every failure as `{"detail": ...}`: Sluice's own `APIError`s as they are, Hummingbird's (unknown route,
/// body too large, undecodable body) with their status and a sentence, anything else as 500 with a generic
/// detail, its cause logged (masked) on the server.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let mask: @Sendable (String) -> String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            let detail: String
            switch error.status {
            case .notFound: detail = "Not found: \(request.method) \(request.uri.path)"
            case .contentTooLarge: detail = "The request body is larger than the limit of \(context.maxUploadSize) bytes."
            case .methodNotAllowed: detail = "Method \(request.method) is not allowed on \(request.uri.path)."
            default: detail = error.body ?? error.status.reasonPhrase
            }
            throw APIError(error.status, detail)
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, error.status.reasonPhrase)
        } catch is CancellationError {
            throw APIError(.serviceUnavailable, "The server is shutting down; try again.")
        } catch {
            context.logger.error("\(request.method) \(request.uri.path) failed: \(mask(String(describing: error)))")
            throw APIError(.internalServerError, "Internal error; the server's log has the cause.")
        }
    }
}
