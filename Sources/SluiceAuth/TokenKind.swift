/// Where a token comes from: `sluice tokens create` (an automation token, named, with its own role and
/// optional expiry) or `POST /auth/token` (a session token of a user, with the user's role, 24 h).
public enum TokenKind: String, Sendable, CaseIterable, Codable {
    case automation
    case session
}
