import Foundation
import Hummingbird
import SluiceAuth
import SluiceCore

/// `POST /auth/token`: `{"username", "password"}` in, `{"access_token": ...}` out (201), as Airflow's auth
/// manager answers; the token is a session token of the user's role, valid 24 hours.
struct AuthRoutes {
    let auth: AuthService

    func add(to router: Router<APIRequestContext>) {
        router.post("/auth/token") { request, context in
            let body = try await APIBody.object(request, context: context)
            guard case let .string(username)? = body["username"], case let .string(password)? = body["password"] else {
                throw APIError.unprocessable("The body must be {\"username\": ..., \"password\": ...}.")
            }
            guard let issued = try await auth.login(username: username, password: password, now: Date()) else {
                throw APIError(.unauthorized, "Invalid username or password.")
            }
            return APIJSON.response(.object([("access_token", .string(issued.token))]), status: .created)
        }
    }
}
