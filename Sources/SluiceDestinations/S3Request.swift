import Foundation

/// One S3 operation before addressing and signing: what `S3Client.send` turns into signed HTTP.
struct S3Request: Sendable {
    /// The S3 operation name, for errors (`PutObject`, `UploadPart`, ...).
    var operation: String
    var method: String
    /// The full object key (base prefix included), or nil for a bucket-level request.
    var key: String?
    var query: [(String, String)] = []
    /// Extra headers to send and sign (`content-type`, `x-amz-copy-source`, `content-md5`).
    var headers: [(String, String)] = []
    var body = Data()
    /// Statuses returned to the caller instead of thrown (e.g. 404 for HEAD).
    var acceptedStatuses: Set<Int> = []
    /// Some operations (CopyObject, CompleteMultipartUpload) can answer 200 with an `<Error>` document.
    var errorMayHideIn200 = false
}
