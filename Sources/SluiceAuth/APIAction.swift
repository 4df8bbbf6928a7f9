/// The kinds of API calls a role is checked against: reading anything; operating DAGs and runs (trigger,
/// clear, mark, pause, backfill); administering users and tokens.
public enum APIAction: String, Sendable, CaseIterable {
    case read
    case operate
    case administer

    /// The least role allowed to perform this action.
    public var minimumRole: Role {
        switch self {
        case .read: .viewer
        case .operate: .operator
        case .administer: .admin
        }
    }
}
