import Foundation

/// A token just made: the token itself (shown once, never stored) and when it expires (nil: never).
public struct IssuedToken: Sendable, Equatable {
    public var token: String
    public var expiresAt: Date?

    public init(token: String, expiresAt: Date?) {
        self.token = token
        self.expiresAt = expiresAt
    }
}
