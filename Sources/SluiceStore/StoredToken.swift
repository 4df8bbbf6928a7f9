import Foundation

/// A token to store: only the SHA-256 hash of the token, never the token.
public struct NewStoredToken: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var userName: String?
    public var role: String
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date?

    public init(name: String, kind: String, userName: String?, role: String, tokenHash: String, createdAt: Date, expiresAt: Date?) {
        self.name = name
        self.kind = kind
        self.userName = userName
        self.role = role
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A stored token: its row id, its role (for a session token, its user's current role) and when it was
/// last used (written at most once per interval, see `touchToken`).
public struct StoredToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var userName: String?
    public var role: String
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
}
