import Foundation
import SluiceCurl

/// Sends S3 requests: addressing, SigV4 signing, a connection from the pool, and retries.
/// Transport errors name the object's URI and the endpoint; a cancelled task stops retrying at once.
///
/// Retries (with `RequestRetryPolicy`'s backoff and jitter) cover throttling (503 SlowDown, 429), 500/502/503/504,
/// S3 error codes that mean "try again", and dropped connections or other transport errors. Every try is
/// signed anew and re-sends the same body bytes. Errors carry the status, S3 code, message and the
/// object's URI, never the credentials or the signature.
final class S3Client: Sendable {
    let configuration: S3Configuration
    let addressing: S3Addressing
    let signer: SigV4Signer
    let pool: CurlConnectionPool

    init(configuration: S3Configuration) {
        self.configuration = configuration
        self.addressing = S3Addressing(configuration: configuration)
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        self.pool = CurlConnectionPool(maxIdle: configuration.maxIdleConnections)
    }

    func uri(_ key: String?) -> String {
        "s3://\(configuration.bucket)" + (key.map { "/" + $0 } ?? "")
    }

    /// The signed HTTP request for one try.
    func signedRequest(_ request: S3Request, payloadHash: String, date: Date) -> HTTPRequest {
        var headers: [(String, String)] = [
            ("host", addressing.hostHeader),
            ("x-amz-date", SigV4Signer.amzDate(date)),
            ("x-amz-content-sha256", payloadHash),
        ]
        if let token = configuration.credentials.sessionToken, !token.isEmpty {
            headers.append(("x-amz-security-token", token))
        }
        headers += request.headers.map { ($0.0.lowercased(), $0.1) }
        let path = addressing.path(key: request.key)
        let authorization = signer.authorization(method: request.method, path: path, query: request.query,
                                                 headers: headers, payloadHash: payloadHash, date: date)
        headers.append(("authorization", authorization))
        return HTTPRequest(method: request.method, url: addressing.url(key: request.key, query: request.query),
                           headers: headers, body: request.body)
    }

    func send(_ request: S3Request) async throws -> HTTPResponse {
        let payloadHash = request.body.isEmpty ? SigV4Signer.emptyPayloadHash : SigV4Signer.sha256Hex(request.body)
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let failure: DestinationError
            let retryable: Bool
            let http = signedRequest(request, payloadHash: payloadHash, date: Date())
            guard let connection = pool.take() else {
                throw DestinationError.transport(operation: request.operation, uri: uri(request.key),
                                                 message: "libcurl could not create a handle")
            }
            let timeouts = CurlConnection.Timeouts(connect: configuration.connectTimeout, stall: configuration.stallTimeout)
            switch await connection.send(http, timeouts: timeouts) {
            case let .failure(curlFailure):
                ObjectStoreRequests.record(operation: request.operation, code: "error")
                // Do not reuse a handle whose connection just failed.
                if Task.isCancelled {
                    throw DestinationError.cancelled(operation: request.operation, uri: uri(request.key),
                                                     endpoint: configuration.endpointDescription)
                }
                failure = .transport(operation: request.operation, uri: uri(request.key),
                                     message: "\(curlFailure.message) (curl error \(curlFailure.code)) at endpoint \(configuration.endpointDescription)")
                retryable = curlFailure.isRetryable
            case let .success(response):
                ObjectStoreRequests.record(operation: request.operation, code: String(response.status))
                pool.giveBack(connection)
                let okStatus = (200..<300).contains(response.status) || request.acceptedStatuses.contains(response.status)
                let hiddenError = request.errorMayHideIn200 && response.status == 200
                    ? S3XMLNode.parse(response.body).flatMap { $0.name == "Error" ? $0 : nil } : nil
                if okStatus && hiddenError == nil {
                    return response
                }
                let document = hiddenError ?? S3XMLNode.parse(response.body)
                let code = document?.value("Code") ?? S3Client.codeForStatus(response.status)
                let status = hiddenError == nil ? response.status : 500
                failure = .s3(operation: request.operation, uri: uri(request.key), status: status, code: code,
                              message: document?.value("Message") ?? "",
                              requestID: document?.value("RequestId") ?? response.headers["x-amz-request-id"])
                retryable = RequestRetryPolicy.isRetryable(status: status, code: code)
            }
            guard retryable, attempt < policy.maxAttempts else { throw failure }
            try await Task.sleep(for: policy.delay(afterAttempt: attempt, randomUnit: Double.random(in: 0...1)))
        }
    }

    /// A code for error responses without a body (HEAD) or with an unreadable one.
    static func codeForStatus(_ status: Int) -> String {
        switch status {
        case 301: return "PermanentRedirect"
        case 403: return "AccessDenied"
        case 404: return "NotFound"
        case 429: return "TooManyRequests"
        case 503: return "ServiceUnavailable"
        default: return "HTTP\(status)"
        }
    }
}
