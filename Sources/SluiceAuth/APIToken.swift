import Crypto
import Foundation

/// The format of API tokens: `sluice_` and 32 random bytes in unpadded base64url (50 characters in
/// all), stored only as the lowercase hex SHA-256 of the whole token.
///
/// 256 random bits need no slow hash: a fast digest cannot be brute-forced back, and looking a token up
/// by its digest compares nothing secret in Swift (the index does an exact match on the digest).
public enum APIToken {
    public static let prefix = "sluice_"
    public static let randomBytes = 32
    /// The length of a token: the prefix and 43 base64url characters.
    public static let length = prefix.count + 43

    /// A new token from the system's cryptographic random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64url(bytes)
    }

    /// Whether `text` has a token's shape (a cheap check before any store lookup).
    public static func hasTokenShape(_ text: String) -> Bool {
        guard text.utf8.count == length, text.hasPrefix(prefix) else { return false }
        return text.utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }

    /// The token of an `Authorization` header value `Bearer <token>` (the scheme in any case, spaces
    /// around the token ignored), or nil for another scheme or an empty token. The token is not checked.
    public static func bearer(fromAuthorization header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The SHA-256 of `token` in lowercase hex: what the store keeps.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
