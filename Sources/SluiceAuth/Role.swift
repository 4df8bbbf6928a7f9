import SluiceCore

/// What a user or an automation token may do, from least to most: a viewer reads; an operator also
/// triggers, clears, marks, pauses and backfills; an admin also manages users and tokens.
///
/// A pure value: `allows` decides a permission without I/O. The raw values are the CLI's and the store's.
public enum Role: String, Sendable, CaseIterable, Comparable, Codable {
    case viewer
    case `operator`
    case admin

    /// The role named `text` (`viewer`, `operator`, `admin`); throws `AuthError.unknownRole` with a
    /// "did you mean" for a typo.
    public init(parsing text: String) throws {
        guard let role = Role(rawValue: text) else {
            throw AuthError.unknownRole(text, suggestion: DidYouMean.suggestion(for: text, among: Role.allCases.map(\.rawValue)))
        }
        self = role
    }

    /// Whether this role may perform `action`.
    public func allows(_ action: APIAction) -> Bool {
        self >= action.minimumRole
    }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        lhs.rank < rhs.rank
    }
}
