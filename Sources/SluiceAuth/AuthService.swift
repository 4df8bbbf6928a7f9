import Foundation
import SluiceStore

/// Users, passwords and tokens over the metadata store: what `sluice users`, `sluice tokens`,
/// `POST /auth/token` and the API's bearer check call.
///
/// Passwords are kept only as bcrypt hashes (`PasswordHasher`), tokens only as SHA-256 digests
/// (`APIToken`). `authenticate` refuses unknown, expired and revoked tokens and session tokens of
/// deleted users, and records a token's last use at most once per `touchInterval`, so a busy client costs
/// one store read per request, not a write. It keeps no state of its own; time is always a parameter.
/// Make one per process and share it: its `hasher` owns the one queue bcrypt runs on.
public struct AuthService: Sendable {
    public let store: SQLMetadataStore
    public let hasher: PasswordHasher
    /// How long a session token lives.
    public var sessionLifetime: TimeInterval = TokenLifetime.session
    /// The least time between two writes of a token's `last_used_at`.
    public var touchInterval: TimeInterval = 60

    public init(store: SQLMetadataStore, hasher: PasswordHasher = PasswordHasher()) {
        self.store = store
        self.hasher = hasher
    }

    // MARK: Users

    /// Adds a user with a bcrypt hash of `password`; throws `AuthError` for a bad name or password or a
    /// name taken.
    @discardableResult
    public func createUser(name: String, role: Role, password: String, now: Date) async throws -> UserInfo {
        let name = try AuthName.validated(name, of: "user")
        let hash = try await hasher.hash(password)
        guard try await store.insertUser(StoredUser(name: name, role: role.rawValue, passwordHash: hash, createdAt: now)) else {
            throw AuthError.userExists(name)
        }
        return UserInfo(name: name, role: role, createdAt: now)
    }

    /// Every user, by name.
    public func users() async throws -> [UserInfo] {
        try await store.users().map { UserInfo(name: $0.name, role: try Self.role($0.role, column: "users.role"), createdAt: $0.createdAt) }
    }

    /// Deletes a user and their session tokens; `AuthError.userNotFound` when there is none.
    public func deleteUser(name: String) async throws {
        guard try await store.deleteUser(named: name) else { throw AuthError.userNotFound(name) }
    }

    /// The user `username` when `password` is theirs, else nil. An unknown user costs the same bcrypt
    /// work as a wrong password, so timing does not tell which names exist.
    public func verifyPassword(username: String, password: String) async throws -> UserInfo? {
        guard AuthName.isValid(username), let user = try await store.user(named: username) else {
            _ = await hasher.verify(password, hash: Self.timingHash)
            return nil
        }
        guard await hasher.verify(password, hash: user.passwordHash), let role = Role(rawValue: user.role) else { return nil }
        return UserInfo(name: user.name, role: role, createdAt: user.createdAt)
    }

    /// `POST /auth/token`: a new session token for `username` when `password` is theirs, else nil.
    public func login(username: String, password: String, now: Date) async throws -> IssuedToken? {
        guard let user = try await verifyPassword(username: username, password: password) else { return nil }
        return try await issueSessionToken(user: user.name, now: now)
    }

    // MARK: Tokens

    /// A new session token for the user `user`, valid for `sessionLifetime` (24 h) from `now`;
    /// `AuthError.userNotFound` when there is no such user. Expired session tokens are removed on the way.
    public func issueSessionToken(user: String, now: Date) async throws -> IssuedToken {
        guard let stored = try await store.user(named: user) else { throw AuthError.userNotFound(user) }
        let token = APIToken.generate()
        let expiresAt = now.addingTimeInterval(sessionLifetime)
        // The role column records the role at issue; authentication uses the user's current role.
        let row = NewStoredToken(name: user, kind: TokenKind.session.rawValue, userName: user, role: stored.role,
                                 tokenHash: APIToken.digest(token), createdAt: now, expiresAt: expiresAt)
        guard try await store.insertToken(row, now: now) else { throw AuthError.userNotFound(user) }
        return IssuedToken(token: token, expiresAt: expiresAt)
    }

    /// `sluice tokens create NAME --role R [--expires-in D]`: a new automation token, expiring `expiresIn`
    /// seconds after `now` (nil: never); `AuthError.tokenExists` when the name is taken.
    public func createAutomationToken(name: String, role: Role, expiresIn: TimeInterval?, now: Date) async throws -> IssuedToken {
        let name = try AuthName.validated(name, of: "token")
        let token = APIToken.generate()
        let expiresAt = expiresIn.map { now.addingTimeInterval($0) }
        let row = NewStoredToken(name: name, kind: TokenKind.automation.rawValue, userName: nil, role: role.rawValue,
                                 tokenHash: APIToken.digest(token), createdAt: now, expiresAt: expiresAt)
        guard try await store.insertToken(row, now: now) else { throw AuthError.tokenExists(name) }
        return IssuedToken(token: token, expiresAt: expiresAt)
    }

    /// The automation tokens, by name.
    public func tokens() async throws -> [TokenInfo] {
        try await store.tokens(kind: TokenKind.automation.rawValue).map {
            TokenInfo(name: $0.name, role: try Self.role($0.role, column: "api_tokens.role"), createdAt: $0.createdAt,
                      expiresAt: $0.expiresAt, lastUsedAt: $0.lastUsedAt)
        }
    }

    /// Revokes (deletes) the automation token `name`; `AuthError.tokenNotFound` when there is none.
    public func revokeToken(name: String) async throws {
        guard try await store.deleteTokens(named: name, kind: TokenKind.automation.rawValue) else { throw AuthError.tokenNotFound(name) }
    }

    /// Ends the session whose token is `token` (logging out of the UI); an automation token is left alone.
    public func endSession(token: String) async throws {
        guard APIToken.hasTokenShape(token), let stored = try await store.token(hash: APIToken.digest(token)),
              stored.kind == TokenKind.session.rawValue else { return }
        _ = try await store.deleteToken(hash: APIToken.digest(token))
    }

    /// Who `bearer` (the text after `Bearer `) acts as, or nil for a malformed, unknown, expired or
    /// revoked token or a session of a deleted user. Records the use at most once per `touchInterval`.
    public func authenticate(bearer: String, now: Date) async throws -> Principal? {
        guard APIToken.hasTokenShape(bearer), let stored = try await store.token(hash: APIToken.digest(bearer)),
              let kind = TokenKind(rawValue: stored.kind), let role = Role(rawValue: stored.role) else { return nil }
        if let expiresAt = stored.expiresAt, expiresAt <= now { return nil }
        let name: String
        switch kind {
        case .automation:
            name = stored.name
        case .session:
            guard let user = stored.userName else { return nil }
            name = user
        }
        if stored.lastUsedAt.map({ now.timeIntervalSince($0) >= touchInterval }) ?? true {
            try await store.touchToken(id: stored.id, now: now, ifLastUsedNoLaterThan: now.addingTimeInterval(-touchInterval))
        }
        return Principal(name: name, role: role, kind: kind)
    }

    static func role(_ text: String, column: String) throws -> Role {
        guard let role = Role(rawValue: text) else { throw StoreError.invalidStoredValue(column: column, value: text) }
        return role
    }

    /// A bcrypt hash (cost 12) of a random text that was thrown away: checked against when the user is
    /// unknown, so that answer takes as long as a wrong password.
    static let timingHash = "$2b$12$n4CHaxlIY/Y26GCnpEcGkeQNVD0rk5qU32laDmwwHfI4J6JbUhCg2"
}
