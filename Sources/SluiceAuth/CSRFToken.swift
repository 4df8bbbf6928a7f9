import Crypto
import Foundation
import SluiceCore

/// The token a browser session sends back with every state-changing request (`X-CSRF-Token`), bound to
/// its session: HMAC-SHA256 of a fixed label under the session token as key. A page of the UI carries it;
/// another site can neither read the page (same-origin policy) nor derive it (it never sees the
/// `HttpOnly` cookie).
public enum CSRFToken {
    /// The session's CSRF token, lowercase hex.
    public static func of(session: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("sluice-csrf-v1".utf8), using: SymmetricKey(data: Data(session.utf8)))
        return Hex.encode(mac)
    }

    /// Whether `presented` is the session's token (compared in constant time).
    public static func matches(_ presented: String, session: String) -> Bool {
        let expected = Array(of(session: session).utf8), given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
