import Foundation

/// Users and API tokens (issue 13). The store keeps what SluiceAuth gives it: names, roles as text,
/// bcrypt hashes of passwords and SHA-256 hashes of tokens; never a password or a token itself. Roles,
/// hashing and verification are SluiceAuth's.
extension SQLMetadataStore {
    static let userColumns = "name, role, password_hash, created_at"
    /// A session token's role is its user's current one (NULL, read as "", when the user is gone).
    static let tokenColumns = """
        t.id, t.name, t.kind, t.user_name, CASE WHEN t.kind = 'session' THEN u.role ELSE t.role END, t.token_hash, t.created_at, t.expires_at, t.last_used_at
        """

    /// Adds a user; false (nothing written) when a user has that name.
    public func insertUser(_ user: StoredUser) async throws -> Bool {
        try await database.perform { db in
            try db.prepare("INSERT INTO users (\(Self.userColumns)) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", operation: "preparing a user insert")
                .run([.text(user.name), .text(user.role), .text(user.passwordHash), StoreDate.value(user.createdAt)],
                     operation: "creating a user")
            return db.changes > 0
        }
    }

    /// The user named `name`, or nil.
    public func user(named name: String) async throws -> StoredUser? {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.userColumns) FROM users WHERE name = ?", operation: "preparing a user lookup")
                .query([.text(name)], operation: "reading a user", row: Self.decodeUser).first
        }
    }

    /// Every user, by name.
    public func users() async throws -> [StoredUser] {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.userColumns) FROM users ORDER BY name", operation: "preparing the user listing")
                .query([], operation: "listing users", row: Self.decodeUser)
        }
    }

    /// Deletes a user and, through the foreign key, their session tokens; false when no user has that name.
    public func deleteUser(named name: String) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("deleting a user") {
                try db.prepare("DELETE FROM users WHERE name = ?", operation: "preparing a user delete")
                    .run([.text(name)], operation: "deleting a user")
                return db.changes > 0
            }
        }
    }

    /// Adds a token, first removing session tokens that expired at or before `now` (so they do not pile
    /// up); false (nothing written) when an automation token has the same name. A session token of a user
    /// who does not exist (any more) is refused with false too.
    public func insertToken(_ token: NewStoredToken, now: Date) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("creating a token") {
                try db.prepare("DELETE FROM api_tokens WHERE kind = 'session' AND expires_at <= ?", operation: "preparing the expired session cleanup")
                    .run([StoreDate.value(now)], operation: "removing expired sessions")
                if let user = token.userName {
                    let known = try db.prepare("SELECT 1 FROM users WHERE name = ?", operation: "preparing a user lookup")
                        .query([.text(user)], operation: "reading a user") { _ in true }
                    guard !known.isEmpty else { return false }
                }
                try db.prepare("""
                    INSERT INTO api_tokens (name, kind, user_name, role, token_hash, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, operation: "preparing a token insert")
                    .run([.text(token.name), .text(token.kind), token.userName.map { .text($0) } ?? .null, .text(token.role),
                          .text(token.tokenHash), StoreDate.value(token.createdAt), StoreDate.value(token.expiresAt)],
                         operation: "creating a token")
                return db.changes > 0
            }
        }
    }

    /// The token whose hash is `tokenHash`, with its role (a session token's is its user's current
    /// role), or nil. A session token of a deleted user is gone with the user.
    public func token(hash tokenHash: String) async throws -> StoredToken? {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.tokenColumns) FROM api_tokens t LEFT JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?",
                           operation: "preparing a token lookup")
                .query([.text(tokenHash)], operation: "reading a token", row: Self.decodeToken).first
        }
    }

    /// Tokens of one kind (e.g. "automation"), by name.
    public func tokens(kind: String) async throws -> [StoredToken] {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.tokenColumns) FROM api_tokens t LEFT JOIN users u ON u.name = t.user_name WHERE t.kind = ? ORDER BY t.name, t.id",
                           operation: "preparing the token listing")
                .query([.text(kind)], operation: "listing tokens", row: Self.decodeToken)
        }
    }

    /// Deletes the token whose hash is `tokenHash` (a session that logs out); false when there is none.
    public func deleteToken(hash tokenHash: String) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("ending a session") {
                try db.prepare("DELETE FROM api_tokens WHERE token_hash = ?", operation: "preparing a session delete")
                    .run([.text(tokenHash)], operation: "ending a session")
                return db.changes > 0
            }
        }
    }

    /// Deletes the tokens of `kind` named `name`; false when there is none.
    public func deleteTokens(named name: String, kind: String) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("revoking a token") {
                try db.prepare("DELETE FROM api_tokens WHERE name = ? AND kind = ?", operation: "preparing a token delete")
                    .run([.text(name), .text(kind)], operation: "revoking a token")
                return db.changes > 0
            }
        }
    }

    /// Sets a token's `last_used_at` to `now` when it is unset or at or before `cutoff`: one conditional
    /// write, so concurrent requests with one token write at most once per interval. True when it wrote.
    @discardableResult
    public func touchToken(id: Int64, now: Date, ifLastUsedNoLaterThan cutoff: Date) async throws -> Bool {
        try await database.perform { db in
            try db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                           operation: "preparing a token use update")
                .run([StoreDate.value(now), .integer(id), StoreDate.value(cutoff)], operation: "recording a token use")
            return db.changes > 0
        }
    }

    static func decodeUser(_ row: any StoreRow) throws -> StoredUser {
        StoredUser(name: row.text(0), role: row.text(1), passwordHash: row.text(2), createdAt: StoreDate.date(row.int64(3)))
    }

    static func decodeToken(_ row: any StoreRow) throws -> StoredToken {
        StoredToken(id: row.int64(0), name: row.text(1), kind: row.text(2), userName: row.optionalText(3), role: row.text(4),
                    tokenHash: row.text(5), createdAt: StoreDate.date(row.int64(6)), expiresAt: row.optionalInt64(7).map(StoreDate.date),
                    lastUsedAt: row.optionalInt64(8).map(StoreDate.date))
    }
}
