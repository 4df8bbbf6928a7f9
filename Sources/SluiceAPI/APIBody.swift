import Foundation
import Hummingbird
import NIOCore
import SluiceCore

/// Request bodies: at most the context's upload limit (413 beyond), a JSON object (400 otherwise). The
/// one `ContractMiddleware` already read and checked is taken from the context, not parsed again.
enum APIBody {
    static func object(_ request: Request, context: APIRequestContext) async throws -> [String: JSONValue] {
        if case .object(let members)? = context.body {
            return Dictionary(members, uniquingKeysWith: { _, last in last })
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "The request body is larger than the limit of \(context.maxUploadSize) bytes.")
        }
        let text = String(buffer: buffer)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("The request needs a JSON body.")
        }
        guard case let .object(members)? = try? JSONValue.parse(text) else {
            throw APIError.badRequest("The request body is not a JSON object.")
        }
        var object: [String: JSONValue] = [:]
        for (key, value) in members { object[key] = value }
        return object
    }
}
