import Foundation
import Hummingbird
import NIOCore
import SluiceCore

/// Request bodies: at most the context's upload limit (413 beyond), a JSON object (400 otherwise).
enum APIBody {
    static func object(_ request: Request, context: some RequestContext) async throws -> [String: JSONValue] {
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
