/// Who an authenticated request acts as: a user (through a session token) or an automation token,
/// by name, with the role that decides what it may do.
public struct Principal: Sendable, Equatable {
    /// The user's name for a session token, the token's name for an automation token.
    public var name: String
    public var role: Role
    public var kind: TokenKind

    public init(name: String, role: Role, kind: TokenKind) {
        self.name = name
        self.role = role
        self.kind = kind
    }

    /// Whether this principal may perform `action`.
    public func allows(_ action: APIAction) -> Bool {
        role.allows(action)
    }
}
