import SluiceCore
import Crypto
import Foundation

/// A destination that is a prefix of an S3 bucket (AWS or an S3-compatible server).
///
/// A small S3 client of our own: SigV4 signing, libcurl connections reused for keep-alive, retries with
/// backoff. Writers upload one part at a time (bounded memory: one part buffer per writer) and fall back to
/// a single PutObject for objects smaller than a part. `move` is CopyObject then DeleteObject, since S3 has
/// no rename. CopyObject is limited by S3 to 5 GB sources. Staged objects go to a sibling prefix
/// (`S3Destination+Staging.swift`).
public final class S3Destination: Destination {
    public let configuration: S3Configuration
    let client: S3Client
    /// The staging area (a sibling prefix), built once so its connections are reused; nil for a staging area.
    let staging: S3Destination?

    public init(configuration: S3Configuration) {
        self.configuration = configuration
        self.client = S3Client(configuration: configuration)
        var area = configuration
        area.prefix = S3Destination.stagingPrefix(of: configuration.prefix)
        self.staging = S3Destination(stagingConfiguration: area)
    }

    private init(stagingConfiguration: S3Configuration) {
        self.configuration = stagingConfiguration
        self.client = S3Client(configuration: stagingConfiguration)
        self.staging = nil
    }

    /// Whether requests use path-style addressing (`host/bucket/key`) rather than virtual-hosted.
    public var usesPathStyle: Bool { client.addressing.usesPathStyle }

    /// The URL a request for `key` goes to (no query), for diagnostics and tests.
    public func requestURL(key: String) -> String {
        client.addressing.url(key: fullKey(key), query: [])
    }

    func fullKey(_ key: String) -> String { ObjectKey.join(configuration.prefix, key) }

    func relativeKey(_ full: String) -> String {
        configuration.prefix.isEmpty ? full : String(full.dropFirst(configuration.prefix.count + 1))
    }

    public func describe(key: String) -> String { client.uri(fullKey(key)) }

    public var server: String? { "S3 endpoint \(configuration.endpointDescription)" }

    public func openWriter(key: String, contentType: String?) async throws -> any ObjectWriter {
        try ObjectKey.validate(key)
        return S3ObjectWriter(destination: self, key: key, contentType: contentType)
    }

    public func put(key: String, data: Data, contentType: String?) async throws -> ObjectInfo {
        try ObjectKey.validate(key)
        var request = S3Request(operation: "PutObject", method: "PUT", key: fullKey(key), body: data)
        request.headers = [("content-type", contentType ?? "application/octet-stream")]
        _ = try await client.send(request)
        return ObjectInfo(key: key, bytes: Int64(data.count), sha256: Hex.encode(SHA256.hash(data: data)))
    }

    public func get(key: String) async throws -> Data {
        try ObjectKey.validate(key)
        var request = S3Request(operation: "GetObject", method: "GET", key: fullKey(key))
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { throw DestinationError.notFound(uri: describe(key: key)) }
        return response.body
    }

    public func exists(key: String) async throws -> Bool {
        try ObjectKey.validate(key)
        var request = S3Request(operation: "HeadObject", method: "HEAD", key: fullKey(key))
        request.acceptedStatuses = [404]
        return try await client.send(request).status != 404
    }

    /// The size of an object, or nil when it does not exist (HeadObject).
    func size(ofFullKey full: String) async throws -> Int64? {
        var request = S3Request(operation: "HeadObject", method: "HEAD", key: full)
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return response.headers["content-length"].flatMap { Int64($0) }
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        let fullPrefix = configuration.prefix.isEmpty ? prefix : configuration.prefix + "/" + prefix
        var objects: [ObjectInfo] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("max-keys", String(configuration.listPageSize))]
            if !fullPrefix.isEmpty { query.append(("prefix", fullPrefix)) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await client.send(S3Request(operation: "ListObjectsV2", method: "GET", key: nil, query: query))
            guard let document = S3XMLNode.parse(response.body), document.name == "ListBucketResult" else {
                throw DestinationError.invalidResponse(operation: "ListObjectsV2", uri: client.uri(fullPrefix),
                                                       reason: "no ListBucketResult document")
            }
            for entry in document.all("Contents") {
                guard let key = entry.value("Key"), let size = entry.value("Size").flatMap({ Int64($0) }) else {
                    throw DestinationError.invalidResponse(operation: "ListObjectsV2", uri: client.uri(fullPrefix),
                                                           reason: "an entry without Key or Size")
                }
                objects.append(ObjectInfo(key: relativeKey(key), bytes: size))
            }
            let truncated = document.value("IsTruncated") == "true"
            token = truncated ? document.value("NextContinuationToken") : nil
            if truncated && token == nil {
                throw DestinationError.invalidResponse(operation: "ListObjectsV2", uri: client.uri(fullPrefix),
                                                       reason: "a truncated page without NextContinuationToken")
            }
        } while token != nil
        return objects.sorted { $0.key < $1.key }
    }

    public func copy(from source: String, to target: String) async throws {
        try ObjectKey.validate(source)
        try ObjectKey.validate(target)
        try await copy(fromFullKey: fullKey(source), to: target)
    }

    /// CopyObject from any key of the bucket (e.g. the staging area's) to `target` of this destination.
    func copy(fromFullKey source: String, to target: String) async throws {
        var request = S3Request(operation: "CopyObject", method: "PUT", key: fullKey(target))
        let copySource = "/" + configuration.bucket + "/" + S3URIEncoding.encode(source, keepSlash: true)
        request.headers = [("x-amz-copy-source", copySource)]
        request.errorMayHideIn200 = true
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { throw DestinationError.notFound(uri: client.uri(source)) }
    }

    public func move(from source: String, to target: String) async throws {
        try await copy(from: source, to: target)
        try await delete(keys: [source])
    }

    public func delete(keys: [String]) async throws {
        for key in keys { try ObjectKey.validate(key) }
        if keys.count == 1 {
            try await deleteOne(fullKey(keys[0]))
            return
        }
        var start = 0
        while start < keys.count {
            let batch = Array(keys[start..<min(start + 1000, keys.count)])
            try await deleteBatch(batch.map(fullKey))
            start += batch.count
        }
    }

    func deleteOne(_ full: String) async throws {
        var request = S3Request(operation: "DeleteObject", method: "DELETE", key: full)
        request.acceptedStatuses = [404]
        _ = try await client.send(request)
    }

    /// DeleteObjects for up to 1000 full keys; per-key DELETE when the server does not implement it.
    func deleteBatch(_ fullKeys: [String]) async throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
        for key in fullKeys { xml += "<Object><Key>\(S3XMLNode.escape(key))</Key></Object>" }
        xml += "</Delete>"
        let body = Data(xml.utf8)
        var request = S3Request(operation: "DeleteObjects", method: "POST", key: nil, query: [("delete", "")], body: body)
        request.headers = [("content-type", "application/xml"),
                           ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())]
        request.acceptedStatuses = [501]
        let response = try await client.send(request)
        if response.status == 501 {
            for key in fullKeys { try await deleteOne(key) }
            return
        }
        guard let document = S3XMLNode.parse(response.body) else {
            throw DestinationError.invalidResponse(operation: "DeleteObjects", uri: client.uri(nil), reason: "no DeleteResult document")
        }
        if let error = document.all("Error").first {
            let key = error.value("Key") ?? ""
            throw DestinationError.s3(operation: "DeleteObjects", uri: client.uri(key), status: 200,
                                      code: error.value("Code") ?? "Unknown", message: error.value("Message") ?? "",
                                      requestID: nil)
        }
    }

    /// Incomplete multipart uploads under `prefix` (relative to the base prefix), all pages.
    public func incompleteUploads(prefix: String = "") async throws -> [S3MultipartUpload] {
        let fullPrefix = configuration.prefix.isEmpty ? prefix : configuration.prefix + "/" + prefix
        var uploads: [S3MultipartUpload] = []
        var keyMarker: String?
        var uploadMarker: String?
        while true {
            var query = [("uploads", "")]
            if !fullPrefix.isEmpty { query.append(("prefix", fullPrefix)) }
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let uploadMarker { query.append(("upload-id-marker", uploadMarker)) }
            let response = try await client.send(S3Request(operation: "ListMultipartUploads", method: "GET", key: nil, query: query))
            guard let document = S3XMLNode.parse(response.body) else {
                throw DestinationError.invalidResponse(operation: "ListMultipartUploads", uri: client.uri(fullPrefix),
                                                       reason: "no ListMultipartUploadsResult document")
            }
            for upload in document.all("Upload") {
                if let key = upload.value("Key"), let id = upload.value("UploadId") {
                    uploads.append(S3MultipartUpload(key: relativeKey(key), uploadID: id))
                }
            }
            guard document.value("IsTruncated") == "true",
                  let nextKey = document.value("NextKeyMarker"), !nextKey.isEmpty else { break }
            keyMarker = nextKey
            uploadMarker = document.value("NextUploadIdMarker")
        }
        return uploads
    }

    /// Aborts every incomplete multipart upload under `prefix`; returns how many were aborted.
    /// The cleanup for writers that were never finished nor aborted (a crashed process).
    @discardableResult
    public func abortIncompleteUploads(prefix: String = "") async throws -> Int {
        let uploads = try await incompleteUploads(prefix: prefix)
        for upload in uploads {
            try await abortUpload(fullKey: fullKey(upload.key), uploadID: upload.uploadID)
        }
        return uploads.count
    }

    func abortUpload(fullKey: String, uploadID: String) async throws {
        var request = S3Request(operation: "AbortMultipartUpload", method: "DELETE", key: fullKey,
                                query: [("uploadId", uploadID)])
        request.acceptedStatuses = [404]
        _ = try await client.send(request)
    }
}
