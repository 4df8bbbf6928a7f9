import CCurl
import Foundation

/// One libcurl easy handle, reused across requests so the TCP/TLS connection behind it is kept alive.
///
/// A `CURL*` must not be used from two threads at once, so every use goes through `queue`, a serial
/// Dispatch queue owned by this object; `perform` blocks that queue, never the cooperative pool.
/// `curl_easy_reset` between requests clears options but, per curl_easy_reset(3), keeps "live connections,
/// the Session ID cache, the DNS cache". The handle is freed in `deinit`.
final class CurlConnection: @unchecked Sendable {
    let queue = DispatchQueue(label: "sluice.destination.curl")
    private let handle: UnsafeMutableRawPointer

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Runs `request` on `queue` and resumes with its response or transport failure.
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, CurlFailure> {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.perform(request))
            }
        }
    }

    /// Collects the response while `curl_easy_perform` runs; reached from the C callbacks through userdata.
    private final class ResponseSink {
        var body = Data()
        var headers: [String: String] = [:]
    }

    private func perform(_ request: HTTPRequest) -> Result<HTTPResponse, CurlFailure> {
        curl_easy_reset(handle)
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()

        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        // No "Expect: 100-continue" round trip; and no form content type on bodies without one.
        list = curl_slist_append(list, "Expect:")
        if !request.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            list = curl_slist_append(list, "Content-Type:")
        }
        defer { curl_slist_free_all(list) }

        sluice_curl_setopt_string(handle, CURLOPT_URL, request.url)
        sluice_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        sluice_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, 15)
        // A transfer slower than 1 byte/s for 60 s is a dead connection.
        sluice_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
        sluice_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, 60)
        sluice_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        sluice_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        sluice_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            let total = size * count
            if let data, total > 0 {
                sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: total)
            }
            return total
        }
        sluice_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        sluice_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
            let total = size * count
            guard let data, total > 0 else { return total }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: total), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                sink.headers = [:]  // a new response (after 100 Continue): start over
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                sink.headers[name] = value
            }
            return total
        }
        sluice_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)

        let code: CURLcode = request.body.withUnsafeBytes { body -> CURLcode in
            switch request.method {
            case "GET":
                sluice_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            case "HEAD":
                sluice_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
            default:
                sluice_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
                if request.method == "PUT" || request.method == "POST" || !body.isEmpty {
                    // libcurl does not copy POSTFIELDS: `body` stays valid until perform returns.
                    sluice_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    if let base = body.baseAddress {
                        sluice_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                    } else {
                        return "".withCString { empty in
                            sluice_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: empty))
                            return curl_easy_perform(handle)
                        }
                    }
                }
            }
            return curl_easy_perform(handle)
        }
        withExtendedLifetime(sink) {}

        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            let permanent: Set<UInt32> = [CURLE_UNSUPPORTED_PROTOCOL.rawValue, CURLE_URL_MALFORMAT.rawValue,
                                         CURLE_OUT_OF_MEMORY.rawValue, CURLE_BAD_FUNCTION_ARGUMENT.rawValue]
            return .failure(CurlFailure(code: Int(code.rawValue), message: message,
                                        isRetryable: !permanent.contains(code.rawValue)))
        }
        var status = 0
        sluice_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
    }
}
