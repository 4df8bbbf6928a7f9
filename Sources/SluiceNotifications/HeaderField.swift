import Foundation

/// One HTTP header or email header line: a name and its value.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `SLUICE_NOTIFY_<ID>_HEADERS`: `Name: value` pairs separated by newlines or `;`
    /// (so a value cannot contain `;`). Blank entries are ignored. Names must be HTTP tokens; names starting
    /// with `X-Sluice-` are reserved for the signature and delivery headers. Errors never quote a value.
    public static func parseList(_ text: String, variable: String) throws -> [HeaderField] {
        var fields: [HeaderField] = []
        for (index, entry) in entries(of: text).enumerated() {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw NotificationError.invalidSetting(
                    variable: variable,
                    reason: "entry \(index + 1) has no ':'; write 'Name: value' pairs separated by ';' or newlines")
            }
            let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
                throw NotificationError.invalidSetting(
                    variable: variable, reason: "entry \(index + 1) has an empty or invalid header name")
            }
            guard !name.lowercased().hasPrefix("x-sluice-") else {
                throw NotificationError.invalidSetting(
                    variable: variable, reason: "header '\(name.prefix(60))' is reserved: Sluice sets the X-Sluice-* headers itself")
            }
            fields.append(HeaderField(name, value))
        }
        return fields
    }

    /// The `;`- or line-separated entries of a header list (CRLF, LF and CR all end a line).
    static func entries(of text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isNewline || $0 == ";" })
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
