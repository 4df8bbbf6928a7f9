import Foundation

/// Replaces every known secret value in a text by `***`.
///
/// Masking is by value, not by name: once a value is known to be secret (a secret environment
/// variable, a connection password, a secret param) it is hidden wherever it turns up, in rendered
/// SQL, logs, error messages and stored fields. Values shorter than three characters are not
/// masked: hiding every `a` would make output unreadable and protects nothing.
public struct SecretMasker: Sendable {
    /// The placeholder printed instead of a secret.
    public static let mask = "***"
    /// Name fragments that make an environment variable or param secret (any case).
    public static let secretNameFragments = ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "PRIVATE_KEY", "API_KEY"]

    public private(set) var values: [String]

    public init(values: [String] = []) {
        self.values = []
        add(values)
    }

    /// Whether a variable or param of this name holds a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return secretNameFragments.contains { upper.contains($0) }
    }

    /// Adds secret values (longest first, so a secret containing another is masked whole).
    public mutating func add(_ newValues: [String]) {
        var set = Set(values)
        for v in newValues where v.count >= 3 && !set.contains(v) {
            set.insert(v)
            values.append(v)
            // Also hide the percent-encoded form, as it appears inside URIs.
            if let encoded = v.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != v, !set.contains(encoded) {
                set.insert(encoded)
                values.append(encoded)
            }
        }
        values.sort { $0.count > $1.count }
    }

    /// The text with every secret value replaced by `***`.
    public func mask(_ text: String) -> String {
        guard !values.isEmpty, !text.isEmpty else { return text }
        var out = text
        for v in values where out.contains(v) {
            out = out.replacingOccurrences(of: v, with: Self.mask)
        }
        return out
    }

    /// The secret values of an environment: variables with secret names, and the passwords of
    /// connection URIs (`SLUICE_CONN_*`, or any value that is a URI with a password).
    public static func secrets(inEnvironment environment: [String: String]) -> [String] {
        var found: [String] = []
        for (name, value) in environment {
            if isSecretName(name) {
                found.append(value)
            } else if let password = uriPassword(value) {
                found.append(password)
            }
        }
        return found
    }

    /// The password inside a `scheme://user:password@host/...` URI, percent-decoded.
    public static func uriPassword(_ value: String) -> String? {
        guard value.contains("://"), value.contains("@"),
              let components = URLComponents(string: value),
              let password = components.password, !password.isEmpty else { return nil }
        return password.removingPercentEncoding ?? password
    }
}
