import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An API answer other than success: a status and Airflow's error shape, `{"detail": "..."}`.
///
/// `detail` is a sentence for the user. It never contains a token, a password or a stack trace;
/// unexpected failures become 500 with a generic detail (the cause goes to the server's log, masked).
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// The methods a path takes, sent as `Allow` with a 405.
    public var allow: [String] = []

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail) }
    public static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail) }
    public static func conflict(_ detail: String) -> APIError { APIError(.conflict, detail) }
    public static func unprocessable(_ detail: String) -> APIError { APIError(.unprocessableContent, detail) }
    public static let unauthorized = APIError(.unauthorized, "Not authenticated: send Authorization: Bearer <token> (POST /auth/token or `sluice tokens create`).")
    public static func forbidden(_ detail: String) -> APIError { APIError(.forbidden, detail) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if !allow.isEmpty { headers[.allow] = allow.joined(separator: ", ") }
        let body = APIJSON.encode(["detail": detail])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
