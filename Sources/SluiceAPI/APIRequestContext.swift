import Foundation
import Hummingbird
import SluiceAuth
import SluiceCore

/// The request context of Sluice's API: Hummingbird's core storage, the caller once authenticated, and
/// the upload limit (request bodies up to 1 MiB).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who the bearer token acts as; nil before `AuthMiddleware` or without a valid token.
    public var principal: Principal?
    /// The session token of a browser authenticated by its cookie (the UI puts its CSRF token in pages).
    public var session: String?
    /// The JSON body, once `ContractMiddleware` has read and checked it (handlers do not parse it again).
    var body: JSONValue?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Larger bodies are refused with 413 before a handler sees them.
    public var maxUploadSize: Int { 1 << 20 }

    /// A path parameter, percent-decoded (`manual__2026-11-20T00%3A00%3A00%2B00%3A00` is the run id with
    /// its colons and plus); empty when absent.
    public func path(_ name: String) -> String {
        let raw = parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// Throws 401 without a valid token, 403 when its role does not allow `action`.
    public func require(_ action: APIAction) throws {
        guard let principal else { throw APIError.unauthorized }
        guard principal.allows(action) else {
            throw APIError.forbidden("The \(principal.role.rawValue) role of \(principal.name) may not \(action.verb); it needs \(action.minimumRole.rawValue) or above.")
        }
    }
}

extension APIAction {
    /// What the action is, for a 403 message.
    var verb: String {
        switch self {
        case .read: return "read"
        case .operate: return "trigger, clear, mark, pause or backfill"
        case .administer: return "manage users and tokens"
        }
    }
}
