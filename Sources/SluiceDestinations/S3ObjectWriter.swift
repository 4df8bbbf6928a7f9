import SluiceCore
import Crypto
import Foundation

/// Streams one object into an `S3Destination` with a multipart upload.
///
/// Bytes fill a part buffer (the configured part size, 8 MiB by default). Each full buffer becomes an
/// UploadPart request; up to `partsInFlight` (default 2) run while the writer fills the next buffer, and
/// `write` waits for the oldest before starting one more, so memory stays bounded at `partsInFlight + 1`
/// parts and producing overlaps uploading. The upload is created with the first full part; an object that
/// never fills a part is sent as one PutObject at `finish()`. Any failure aborts the multipart upload. Past
/// part 2000 the part size doubles every 2000 parts so very large objects stay under S3's 10000 parts.
public final class S3ObjectWriter: ObjectWriter {
    let destination: S3Destination
    let key: String
    let fullKey: String
    let contentType: String
    private var buffer = Data()
    private var hasher = SHA256()
    private var bytes: Int64 = 0
    private var uploadID: String?
    private var nextPartNumber = 1
    private var parts: [(number: Int, etag: String)] = []
    /// Part uploads under way, oldest first; owned by this writer and always awaited or cancelled by it.
    private var inFlight: [Task<(number: Int, etag: String), any Error>] = []
    private var closed = false

    init(destination: S3Destination, key: String, contentType: String?) {
        self.destination = destination
        self.key = key
        self.fullKey = destination.fullKey(key)
        self.contentType = contentType ?? "application/octet-stream"
    }

    deinit {
        for task in inFlight { task.cancel() }
    }

    var uri: String { destination.describe(key: key) }

    /// The size of part `number` (1-based).
    func partSize(_ number: Int) -> Int {
        destination.configuration.partSize << min(4, (number - 1) / 2000)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) async throws {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        var offset = 0
        while offset < bytes.count {
            let room = partSize(nextPartNumber) - buffer.count
            let take = min(room, bytes.count - offset)
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)])
            hasher.update(bufferPointer: slice)
            buffer.append(contentsOf: slice)
            self.bytes += Int64(take)
            offset += take
            if buffer.count >= partSize(nextPartNumber) {
                try await startBufferedPart()
            }
        }
    }

    public func write(_ bytes: [UInt8]) async throws {
        // Copy the bytes into a buffer whose address stays valid across suspension points.
        try await write(Data(bytes))
    }

    public func write(_ bytes: Data) async throws {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let room = partSize(nextPartNumber) - buffer.count
            let end = bytes.index(offset, offsetBy: min(room, bytes.endIndex - offset))
            let slice = bytes[offset..<end]
            hasher.update(data: slice)
            buffer.append(slice)
            self.bytes += Int64(slice.count)
            offset = end
            if buffer.count >= partSize(nextPartNumber) {
                try await startBufferedPart()
            }
        }
    }

    /// Hands the full buffer to a part upload, first waiting for the oldest one if the limit is reached.
    private func startBufferedPart() async throws {
        do {
            let id = try await currentUploadID()
            while inFlight.count >= destination.configuration.partsInFlight {
                try await collectOldestPart()
            }
            let number = nextPartNumber
            nextPartNumber += 1
            let request = S3Request(operation: "UploadPart", method: "PUT", key: fullKey,
                                    query: [("partNumber", String(number)), ("uploadId", id)], body: buffer)
            buffer = Data()
            buffer.reserveCapacity(partSize(nextPartNumber))
            let client = destination.client
            let uri = self.uri
            inFlight.append(Task {
                let response = try await client.send(request)
                guard let etag = response.headers["etag"] else {
                    throw DestinationError.invalidResponse(operation: "UploadPart", uri: uri, reason: "no ETag header")
                }
                return (number, etag)
            })
        } catch {
            await abort()
            throw error
        }
    }

    private func collectOldestPart() async throws {
        guard !inFlight.isEmpty else { return }
        let oldest = inFlight.removeFirst()
        parts.append(try await oldest.value)
    }

    private func currentUploadID() async throws -> String {
        if let uploadID { return uploadID }
        var request = S3Request(operation: "CreateMultipartUpload", method: "POST", key: fullKey, query: [("uploads", "")])
        request.headers = [("content-type", contentType)]
        let response = try await destination.client.send(request)
        guard let id = S3XMLNode.parse(response.body)?.value("UploadId"), !id.isEmpty else {
            throw DestinationError.invalidResponse(operation: "CreateMultipartUpload", uri: uri, reason: "no UploadId")
        }
        uploadID = id
        return id
    }

    public func finish() async throws -> ObjectInfo {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        let digest = Hex.encode(hasher.finalize())
        guard uploadID != nil else {
            // Smaller than one part: a single PutObject.
            closed = true
            let data = buffer
            buffer = Data()
            _ = try await destination.put(key: key, data: data, contentType: contentType)
            return ObjectInfo(key: key, bytes: bytes, sha256: digest)
        }
        if !buffer.isEmpty {
            try await startBufferedPart()
        }
        do {
            while !inFlight.isEmpty { try await collectOldestPart() }
        } catch {
            await abort()
            throw error
        }
        guard let id = uploadID else { throw DestinationError.writerClosed(uri: uri) }
        closed = true
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts.sorted(by: { $0.number < $1.number }) {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XMLNode.escape(part.etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        var request = S3Request(operation: "CompleteMultipartUpload", method: "POST", key: fullKey,
                                query: [("uploadId", id)], body: Data(xml.utf8))
        request.headers = [("content-type", "application/xml")]
        request.errorMayHideIn200 = true
        do {
            _ = try await destination.client.send(request)
        } catch let DestinationError.s3(_, _, _, code, _, _) where code == "NoSuchUpload" {
            // A retried Complete whose first try succeeded but whose answer was lost: accept it when the
            // object is there with the size we wrote.
            guard try await destination.size(ofFullKey: fullKey) == bytes else {
                await abortUpload(id)
                throw DestinationError.s3(operation: "CompleteMultipartUpload", uri: uri, status: 404,
                                          code: "NoSuchUpload", message: "the upload vanished before it completed",
                                          requestID: nil)
            }
        } catch {
            await abortUpload(id)
            throw error
        }
        return ObjectInfo(key: key, bytes: bytes, sha256: digest)
    }

    public func abort() async {
        guard !closed else { return }
        closed = true
        buffer = Data()
        let pending = inFlight
        inFlight = []
        for task in pending { task.cancel() }
        for task in pending { _ = try? await task.value }
        if let id = uploadID { await abortUpload(id) }
    }

    private func abortUpload(_ id: String) async {
        try? await destination.abortUpload(fullKey: fullKey, uploadID: id)
    }
}
