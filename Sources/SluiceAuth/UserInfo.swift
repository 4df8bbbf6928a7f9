import Foundation

/// A user as listed: name, role, creation time. Never the password hash.
public struct UserInfo: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var createdAt: Date

    public init(name: String, role: Role, createdAt: Date) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}
