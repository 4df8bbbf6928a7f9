/// The rule for user and token names: 1 to 64 characters of `A-Z a-z 0-9 _ . @ -`, so a name is safe in
/// a table, a log line and a URL path without escaping.
public enum AuthName {
    public static let maximumLength = 64

    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumLength else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// `name`, or `AuthError.invalidName` when it breaks the rule.
    public static func validated(_ name: String, of kind: String) throws -> String {
        guard isValid(name) else { throw AuthError.invalidName(name, kind: kind) }
        return name
    }
}
