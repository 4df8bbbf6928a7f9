import Foundation
import Hummingbird
import NIOCore
import SluiceCore

/// Holds every request to the OpenAPI document before a handler sees it: a known path with a method it
/// does not take is 405 (with `Allow`); a secured operation without a token is 401, and beyond the
/// token's role 403 (GET reads, every other method operates), before anything about the request is judged; a parameter or body the document does not allow is 422 saying where and what
/// (`body.note: at most 1000 characters, not 1200`); a body that is not JSON is 400. Paths the document
/// does not know go on to the router (its 404).
struct ContractMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let contract: APIContract

    func handle(_ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        switch contract.match(method: request.method.rawValue, path: request.uri.path) {
        case .none:
            return try await next(request, context)
        case .methodNotAllowed(let allowed):
            var error = APIError(.methodNotAllowed, "Method \(request.method.rawValue.prefix(20)) is not allowed here: use \(allowed.joined(separator: " or ")).")
            error.allow = allowed
            throw error
        case .operation(let operation, let path):
            if operation.secured {
                // Reading is GET; everything else changes something (Airflow asks the same of a dry run).
                try context.require(operation.method == "GET" ? .read : .operate)
            }
            let query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            if let problem = contract.parameterProblem(operation, path: path, query: query) {
                throw APIError.unprocessable(Self.sentence(problem))
            }
            guard let schema = operation.body else { return try await next(request, context) }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: context.maxUploadSize)
            } catch {
                throw APIError(.contentTooLarge, "The request body is larger than the limit of \(context.maxUploadSize) bytes.")
            }
            let text = String(buffer: buffer)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                guard !operation.bodyRequired else { throw APIError.badRequest("The request needs a JSON body.") }
                return try await next(request, context)
            }
            guard let value = try? JSONValue.parse(text) else {
                throw APIError.badRequest("The request body is not valid JSON.")
            }
            if let problem = contract.validator.problem(value, against: schema, at: "body") {
                throw APIError.unprocessable(Self.sentence(problem))
            }
            var context = context
            context.body = value
            return try await next(request, context)
        }
    }

    /// `body.note: at most ...` with its full stop.
    static func sentence(_ problem: String) -> String {
        problem.hasSuffix(".") ? problem : problem + "."
    }
}
