import SluiceCore

/// Everything users, passwords and tokens can refuse, each a sentence a user can act on. No case carries
/// a password or a token, so `description` is safe to print and log; names are quoted and truncated.
public enum AuthError: Error, CustomStringConvertible, Equatable {
    /// A role that is not viewer, operator or admin (with the closest one when it looks like a typo).
    case unknownRole(String, suggestion: String?)
    /// A user or token name that breaks `AuthName`'s rule; `kind` is "user" or "token".
    case invalidName(String, kind: String)
    /// A password bcrypt cannot take or that is too weak; `reason` never quotes the password.
    case invalidPassword(reason: String)
    /// A user with this name exists already.
    case userExists(String)
    /// No user has this name.
    case userNotFound(String)
    /// An automation token with this name exists already.
    case tokenExists(String)
    /// No automation token has this name.
    case tokenNotFound(String)
    /// `--expires-in` is not a usable duration.
    case invalidExpiry(String, reason: String)

    public var description: String {
        switch self {
        case let .unknownRole(text, suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "unknown role '\(UserText.quote(text))'\(hint) (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .invalidName(name, kind):
            return "\(kind) name '\(UserText.quote(name))' is not valid: use 1 to \(AuthName.maximumLength) characters of A-Z, a-z, 0-9, _ . @ -"
        case let .invalidPassword(reason):
            return "the password is not usable: \(reason)"
        case let .userExists(name):
            return "a user named '\(UserText.quote(name))' exists already; pick another name or delete it first (`sluice users delete`)"
        case let .userNotFound(name):
            return "no user is named '\(UserText.quote(name))'; see `sluice users list`"
        case let .tokenExists(name):
            return "a token named '\(UserText.quote(name))' exists already; pick another name or revoke it first (`sluice tokens revoke`)"
        case let .tokenNotFound(name):
            return "no token is named '\(UserText.quote(name))'; see `sluice tokens list`"
        case let .invalidExpiry(text, reason):
            return "--expires-in '\(UserText.quote(text))' is not usable: \(reason)"
        }
    }
}
