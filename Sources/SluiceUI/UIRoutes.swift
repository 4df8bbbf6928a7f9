import Foundation
import Hummingbird
import SluiceAPI
import SluiceAuth
import SluiceCore

/// The web UI, served by the api-server at `/` behind the API's users and roles: a login page that sets
/// the session cookie, pages rendered on the server from the store's queries (the API's own), and one
/// script that drives the actions through the REST API with the session's CSRF token.
public struct UIRoutes: Sendable {
    let environment: APIEnvironment

    public init(environment: APIEnvironment) {
        self.environment = environment
    }

    public func add(to router: Router<APIRequestContext>) {
        router.get("/static/sluice.css") { _, _ in UIResponse.asset(UIAssets.css, type: "text/css; charset=utf-8") }
        router.get("/static/sluice.js") { _, _ in UIResponse.asset(UIAssets.js, type: "text/javascript; charset=utf-8") }
        router.get("/login") { request, context in
            if context.principal != nil { return UIResponse.redirect(to: "/") }
            return UIResponse.page(LoginPage.render(next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)), error: nil))
        }
        router.post("/login") { request, context in try await login(request, context: context) }
        router.post("/logout") { request, context in
            let form = try await Self.form(LogoutForm.self, request, context: context)
            if let session = context.session, let presented = form?.csrf, CSRFToken.matches(presented, session: session) {
                try? await environment.auth.endSession(token: session)
            }
            return UIResponse.redirect(to: "/login", cookie: UIResponse.clearedCookie)
        }
        router.get("/ui/changes") { _, context in
            try context.require(.read)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try await environment.store.changeMarker())))
        }
        router.get("/") { request, context in
            guard context.principal != nil else { return Self.toLogin(request) }
            let query = request.uri.queryParameters
            let filter = DagListPage.Filter(text: query["q"].map(String.init) ?? "", tag: query["tag"].map(String.init) ?? "",
                                            state: query["state"].map(String.init) ?? "")
            return UIResponse.page(try await DagListPage(environment: environment).render(context: context, filter: filter))
        }
        router.get("/dags/{dag_id}") { request, context in
            guard context.principal != nil else { return Self.toLogin(request) }
            return try await GridPage(environment: environment).response(request, context: context)
        }
        router.get("/dags/{dag_id}/runs/{run_id}/tasks/{task_id}") { request, context in
            guard context.principal != nil else { return Self.toLogin(request) }
            return try await TaskPage(environment: environment).response(request, context: context)
        }
        router.get("/dags/{dag_id}/runs/{run_id}/tasks/{task_id}/logs/{try_number}") { request, context in
            guard context.principal != nil else { return Self.toLogin(request) }
            return try await TaskPage(environment: environment).download(request, context: context)
        }
        router.get("/runs") { request, context in
            guard context.principal != nil else { return Self.toLogin(request) }
            return try await RunListPage(environment: environment).response(request, context: context)
        }
    }

    /// `POST /login`: a form with the user name and password. A session cookie and back to `next` on
    /// success; the form again with one sentence otherwise. Refused when the form comes from another site.
    func login(_ request: Request, context: APIRequestContext) async throws -> Response {
        if let origin = request.headers[.origin], let host = request.head.authority, origin != "http://\(host)", origin != "https://\(host)" {
            return UIResponse.page(LoginPage.render(next: "/", error: "This form must be sent from this server's own page."), status: .forbidden)
        }
        let form = try await Self.form(LoginForm.self, request, context: context)
        let next = Self.safeNext(form?.next)
        guard let form, !form.username.isEmpty,
              let issued = try await environment.auth.login(username: form.username, password: form.password, now: Date()) else {
            return UIResponse.page(LoginPage.render(next: next, error: "Unknown user name or wrong password."), status: .unauthorized)
        }
        let maxAge = Int((issued.expiresAt ?? Date().addingTimeInterval(86_400)).timeIntervalSinceNow)
        return UIResponse.redirect(to: next, cookie: UIResponse.sessionCookie(issued.token, maxAge: max(60, maxAge)))
    }

    /// Only a path on this server (`/dags/x`), never another site (`//evil`, `https://...`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static func toLogin(_ request: Request) -> Response {
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty { target += "?" + query }
        return UIResponse.redirect(to: UIPath(raw: "/login").query([("next", target)]).text)
    }

    struct LoginForm: Decodable {
        var username: String
        var password: String
        var next: String?
    }

    struct LogoutForm: Decodable {
        var csrf: String?
    }

    /// An `application/x-www-form-urlencoded` body (at most the context's upload limit), read with
    /// Hummingbird's form decoder; nil when it is not such a form.
    static func form<Form: Decodable>(_ type: Form.Type, _ request: Request, context: APIRequestContext) async throws -> Form? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try? URLEncodedFormDecoder().decode(type, from: String(buffer: buffer))
    }
}
