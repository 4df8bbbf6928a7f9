import Foundation
import Hummingbird
import SluiceAuth

/// Reads `Authorization: Bearer <token>` and sets the request's principal. A request without a header
/// goes on unauthenticated (handlers that need a role answer 401); a header with an unknown, expired or
/// revoked token is 401 at once. Tokens are never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "The Authorization header must be `Bearer <token>`.")
        }
        guard let principal = try await auth.authenticate(bearer: String(parts[1]).trimmingCharacters(in: .whitespaces), now: Date()) else {
            throw APIError(.unauthorized, "The token is unknown, expired or revoked; get a new one (POST /auth/token or `sluice tokens create`).")
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}
