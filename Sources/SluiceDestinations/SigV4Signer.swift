import SluiceCore
import Crypto
import Foundation

/// AWS Signature Version 4 for S3, written from the specification.
///
/// Steps: a canonical request (method, URI-encoded path, sorted encoded query, sorted lowercase headers,
/// signed header names, payload hash), a string to sign (`AWS4-HMAC-SHA256`, time, scope, hash of the
/// canonical request), a signing key derived by chained HMAC-SHA256 over date, region, service and
/// `aws4_request`, and the hex HMAC of the string to sign under that key. Pure: time is a parameter.
struct SigV4Signer: Sendable {
    let credentials: S3Credentials
    let region: String
    var service = "s3"

    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func amzDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    static func sha256Hex(_ data: Data) -> String {
        Hex.encode(SHA256.hash(data: data))
    }

    /// Canonical header lines: lowercase names, trimmed values with inner runs of spaces collapsed, sorted.
    static func canonicalHeaders(_ headers: [(String, String)]) -> (lines: String, signed: String) {
        let normalised = headers.map { name, value -> (String, String) in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            let collapsed = trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            return (name.lowercased(), collapsed)
        }.sorted { $0.0 < $1.0 }
        let lines = normalised.map { "\($0.0):\($0.1)\n" }.joined()
        let signed = normalised.map(\.0).joined(separator: ";")
        return (lines, signed)
    }

    func canonicalRequest(method: String, path: String, query: [(String, String)],
                          headers: [(String, String)], payloadHash: String) -> (request: String, signedHeaders: String) {
        let (lines, signed) = SigV4Signer.canonicalHeaders(headers)
        let request = [method, path, S3URIEncoding.canonicalQuery(query), lines, signed, payloadHash]
            .joined(separator: "\n")
        return (request, signed)
    }

    /// The `Authorization` header value. `headers` must already hold `host`, `x-amz-date` and
    /// `x-amz-content-sha256` (and `x-amz-security-token` for temporary credentials); every one is signed.
    /// `path` is the already-encoded absolute path, exactly as sent.
    func authorization(method: String, path: String, query: [(String, String)], headers: [(String, String)],
                       payloadHash: String, date: Date) -> String {
        let amzDate = SigV4Signer.amzDate(date)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let (request, signedHeaders) = canonicalRequest(method: method, path: path, query: query,
                                                        headers: headers, payloadHash: payloadHash)
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope,
                            SigV4Signer.sha256Hex(Data(request.utf8))].joined(separator: "\n")
        let signature = Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8),
                                                                   using: signingKey(day: day)))
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope),"
            + "SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    func signingKey(day: String) -> SymmetricKey {
        func mac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        let secret = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        return mac(mac(mac(mac(secret, day), region), service), "aws4_request")
    }
}
