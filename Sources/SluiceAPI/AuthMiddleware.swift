import Foundation
import HTTPTypes
import Hummingbird
import SluiceAuth

/// Reads `Authorization: Bearer <token>` (or the UI's session cookie) and sets the request's principal. A request without a header
/// goes on unauthenticated (handlers that need a role answer 401); a header with an unknown, expired or
/// revoked token is 401 at once. Tokens are never logged.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext
    let auth: AuthService

    /// The web UI's session cookie (`HttpOnly`, `SameSite=Strict`): a session token, as `POST /auth/token` gives.
    public static let sessionCookie = "sluice_session"
    /// The header a browser session sends its CSRF token in on every request that changes something.
    public static let csrfHeader = HTTPField.Name.csrfToken

    public func handle(_ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            // A browser: the session cookie, and for anything but GET/HEAD the session's CSRF token too. An
            // unknown or expired cookie goes on unauthenticated (pages send the user to the login page).
            guard let session = request.cookies[Self.sessionCookie]?.value,
                  let principal = try await auth.authenticate(bearer: session, now: Date()) else {
                return try await next(request, context)
            }
            if request.method != .get, request.method != .head {
                guard let presented = request.headers[Self.csrfHeader], CSRFToken.matches(presented, session: session) else {
                    throw APIError.forbidden("The request has no valid CSRF token (X-CSRF-Token): reload the page and try again.")
                }
            }
            var context = context
            context.principal = principal
            context.session = session
            return try await next(request, context)
        }
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
