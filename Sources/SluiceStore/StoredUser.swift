import Foundation

/// A user as stored: the role as text (SluiceAuth's `Role` reads it) and the bcrypt hash of the password.
public struct StoredUser: Sendable, Equatable {
    public var name: String
    public var role: String
    public var passwordHash: String
    public var createdAt: Date

    public init(name: String, role: String, passwordHash: String, createdAt: Date) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
