import Crypto
import Foundation

/// The signature headers a webhook receiver verifies, in the scheme Stripe's and GitHub's receivers know:
/// `X-Sluice-Timestamp: <unix seconds>` and
/// `X-Sluice-Signature: sha256=<lowercase hex of HMAC-SHA256(secret, "<timestamp>." + body)>`.
///
/// The timestamp is signed with the body so a receiver can reject old replays.
public enum WebhookSignature {
    public static let timestampHeader = "X-Sluice-Timestamp"
    public static let signatureHeader = "X-Sluice-Signature"

    /// The two headers for `body` sent at `timestamp` (unix seconds).
    public static func headers(secret: String, timestamp: Int64, body: Data) -> [(String, String)] {
        [(timestampHeader, String(timestamp)), (signatureHeader, "sha256=" + signature(secret: secret, timestamp: timestamp, body: body))]
    }

    /// The lowercase hex HMAC-SHA256 of `"<timestamp>." + body` keyed with `secret`.
    public static func signature(secret: String, timestamp: Int64, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
