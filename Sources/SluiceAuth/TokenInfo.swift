import Foundation

/// An automation token as listed: name, role, times. Never the token nor its hash.
public struct TokenInfo: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?

    public init(name: String, role: Role, createdAt: Date, expiresAt: Date?, lastUsedAt: Date?) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }
}
