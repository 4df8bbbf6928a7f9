import Foundation
import HTTPTypes
import Hummingbird
import SluiceAPI
import SluiceAuth

/// The headers every UI answer carries, and the page and redirect responses.
enum UIResponse {
    /// Nothing but this server's own files: no inline script, no frames, no form posting elsewhere.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func securityHeaders(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xFrameOptions] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        headers[.cacheControl] = "no-store"
    }

    static func page(_ node: Node, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        securityHeaders(&headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "<!doctype html>" + node.render())))
    }

    static func redirect(to location: String, cookie: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        securityHeaders(&headers)
        return Response(status: .seeOther, headers: headers)
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site sends it),
    /// expiring with the session.
    static func sessionCookie(_ token: String, maxAge: Int) -> String {
        "\(AuthMiddleware.sessionCookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
    }

    static let clearedCookie = "\(AuthMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
}

/// A path inside the UI from constant parts and percent-encoded values: an `href` built from a DAG id,
/// whatever it holds, is a path on this server, never a `javascript:` URL.
struct UIPath {
    let text: String

    init(_ parts: String...) {
        text = "/" + parts.map { $0.addingPercentEncoding(withAllowedCharacters: UIPath.allowed) ?? "" }.joined(separator: "/")
    }

    init(raw: String) { text = raw }

    func query(_ items: [(String, String)]) -> UIPath {
        guard !items.isEmpty else { return self }
        return UIPath(raw: text + "?" + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: UIPath.allowed) ?? "")" }.joined(separator: "&"))
    }

    static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}
