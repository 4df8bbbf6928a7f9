import Foundation
import SluiceTestSupport
@testable import SluiceDestinations

/// A moto_server child process on a free loopback port, with one bucket created through our own client.
final class MotoS3Server {
    let port: Int
    let process: Process
    let bucket: String
    static let credentials = S3Credentials(accessKeyID: "testing", secretAccessKey: "testing-secret-key")

    var endpointURL: String { "http://127.0.0.1:\(port)" }

    init(bucket: String = "sluice-test") async throws {
        port = try TestProcess.freePort()
        process = try TestProcess.start(["moto_server", "-H", "127.0.0.1", "-p", String(port)])
        self.bucket = bucket
        do {
            try TestProcess.waitUntilListening(port: port, process: process)
            let client = S3Client(configuration: configuration(prefix: ""))
            _ = try await client.send(S3Request(operation: "CreateBucket", method: "PUT", key: nil))
        } catch {
            TestProcess.stop(process)
            throw error
        }
    }

    func stop() { TestProcess.stop(process) }

    /// A configuration for this server (or for `port`, e.g. a proxy in front of it).
    func configuration(prefix: String = "base/prefix", port: Int? = nil, partSize: Int = S3Configuration.minimumPartSize,
                       listPageSize: Int = 1000, retry: RequestRetryPolicy = RequestRetryPolicy(baseDelay: .milliseconds(20))) -> S3Configuration {
        S3Configuration(bucket: bucket, prefix: prefix, region: "us-east-1",
                        endpoint: .init(scheme: "http", host: "127.0.0.1", port: port ?? self.port),
                        credentials: MotoS3Server.credentials, partSize: partSize, listPageSize: listPageSize, retry: retry)
    }
}
