import CCurl
import Foundation
import SluiceBlocking
import Synchronization

/// One libcurl easy handle, reused across requests so the TCP/TLS connection behind it is kept alive.
///
/// A `CURL*` must not be used from two threads at once, so every use goes through `blocking`, a serial
/// queue owned by this object; `perform` blocks that queue, never the cooperative pool.
/// `curl_easy_reset` between requests clears options but, per curl_easy_reset(3), keeps "live connections,
/// the Session ID cache, the DNS cache". The handle is freed in `deinit`.
///
/// Every request has a connect timeout and a stalled-transfer timeout (`CURLOPT_LOW_SPEED_LIMIT/TIME`), so a
/// frozen server fails the request instead of holding it; cancelling the calling task aborts the transfer
/// within about a second (libcurl's progress callback).
// @unchecked: the CURL* `handle` is only used on the serial `blocking` queue.
public final class CurlConnection: @unchecked Sendable {
    let blocking = BlockingQueue(label: "sluice.curl")
    let handle: UnsafeMutableRawPointer

    /// How long a request may wait to connect, and how long its transfer may stall, in seconds.
    public struct Timeouts: Sendable, Equatable {
        public var connect: Int
        public var stall: Int

        public init(connect: Int, stall: Int) {
            self.connect = connect
            self.stall = stall
        }
    }

    /// Set when the calling task is cancelled; read by the progress callback, which then aborts the transfer.
    final class AbortFlag: Sendable {
        private let flag = Atomic(false)
        func set() { flag.store(true, ordering: .relaxed) }
        var isSet: Bool { flag.load(ordering: .relaxed) }
    }

    public init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Runs `request` on the connection's queue and resumes with its response or transport failure; a
    /// cancelled task gets `CURLE_ABORTED_BY_CALLBACK`.
    public func send(_ request: HTTPRequest, timeouts: Timeouts) async -> Result<HTTPResponse, CurlFailure> {
        await perform { abort in self.perform(request, timeouts: timeouts, abort: abort) }
    }

    /// Runs one transfer on the connection's queue; cancelling the calling task sets the abort flag the
    /// progress callback reads (a task cancelled before it starts gets `CURLE_ABORTED_BY_CALLBACK`).
    func perform<T: Sendable>(_ transfer: @escaping @Sendable (AbortFlag) -> Result<T, CurlFailure>) async -> Result<T, CurlFailure> {
        let abort = AbortFlag()
        if Task.isCancelled { abort.set() }
        do {
            return try await blocking.run(onCancel: { _ in abort.set() }) { transfer(abort) }
        } catch {
            return .failure(CurlFailure(code: Int(CURLE_ABORTED_BY_CALLBACK.rawValue), message: "cancelled", isRetryable: false))
        }
    }

    /// The options every transfer sets: URL, no signals, the connect and stalled-transfer timeouts, and
    /// the progress callback that aborts when `abort` is set.
    func setCommonOptions(url: String, timeouts: Timeouts, abort: AbortFlag) {
        sluice_curl_setopt_string(handle, CURLOPT_URL, url)
        sluice_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        sluice_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, timeouts.connect)
        // A transfer slower than 1 byte/s for `stall` seconds (a frozen or vanished server) is a dead connection.
        sluice_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
        sluice_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, timeouts.stall)
        sluice_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        sluice_curl_setopt_progress(handle) { clientp, _, _, _, _ in
            guard let clientp else { return 0 }
            return Unmanaged<AbortFlag>.fromOpaque(clientp).takeUnretainedValue().isSet ? 1 : 0
        }
        sluice_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(abort).toOpaque())
    }

    /// Collects the response while `curl_easy_perform` runs; reached from the C callbacks through userdata.
    private final class ResponseSink {
        var body = Data()
        var headers: [String: String] = [:]
    }

    private func perform(_ request: HTTPRequest, timeouts: Timeouts, abort: AbortFlag) -> Result<HTTPResponse, CurlFailure> {
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

        setCommonOptions(url: request.url, timeouts: timeouts, abort: abort)
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
        withExtendedLifetime(abort) {}

        guard code == CURLE_OK else {
            var message = String(cString: curl_easy_strerror(code))
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                message = "no answer (connect timeout \(timeouts.connect) s, stalled-transfer timeout \(timeouts.stall) s)"
            case CURLE_ABORTED_BY_CALLBACK: message = "cancelled"
            default: break
            }
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
