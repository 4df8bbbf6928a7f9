import CCurl
import Foundation

/// Sending mail with libcurl's SMTP client on the connection's handle and queue.
extension CurlConnection {
    /// Sends `mail` and returns the server's final reply code (250), or the failure with the reply code
    /// that refused it (a 5xx reply is permanent: `isRetryable` false; a 4xx reply or no answer is worth
    /// another try). Credentials go to libcurl only; messages never contain them.
    public func send(_ mail: MailRequest, timeouts: Timeouts) async -> Result<Int, CurlFailure> {
        await perform { abort in self.perform(mail, timeouts: timeouts, abort: abort) }
    }

    /// Hands the message to libcurl's read callback piece by piece.
    private final class MessageSource {
        let bytes: [UInt8]
        var offset = 0
        init(_ data: Data) { bytes = [UInt8](data) }
    }

    private func perform(_ mail: MailRequest, timeouts: Timeouts, abort: AbortFlag) -> Result<Int, CurlFailure> {
        curl_easy_reset(handle)
        let source = MessageSource(mail.message)
        var recipients: UnsafeMutablePointer<curl_slist>?
        for address in mail.recipients { recipients = curl_slist_append(recipients, "<\(address)>") }
        defer { curl_slist_free_all(recipients) }

        setCommonOptions(url: mail.serverURL, timeouts: timeouts, abort: abort)
        if mail.serverURL.hasPrefix("smtp://") {
            // STARTTLS when the server offers it; a server without TLS still gets the mail.
            sluice_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        }
        if let user = mail.user { sluice_curl_setopt_string(handle, CURLOPT_USERNAME, user) }
        if let password = mail.password { sluice_curl_setopt_string(handle, CURLOPT_PASSWORD, password) }
        sluice_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(mail.from)>")
        sluice_curl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients))
        sluice_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
        sluice_curl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(source.bytes.count))
        sluice_curl_setopt_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let source = Unmanaged<MessageSource>.fromOpaque(userdata).takeUnretainedValue()
            let room = size * count
            let length = min(room, source.bytes.count - source.offset)
            guard length > 0 else { return 0 }
            source.bytes.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return }
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + source.offset, byteCount: length)
            }
            source.offset += length
            return length
        }
        sluice_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque())

        let code = curl_easy_perform(handle)
        withExtendedLifetime(source) {}
        withExtendedLifetime(abort) {}
        var reply = 0
        sluice_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        guard code == CURLE_OK else {
            var message = String(cString: curl_easy_strerror(code))
            if code == CURLE_OPERATION_TIMEDOUT {
                message = "no answer (connect timeout \(timeouts.connect) s, stalled-transfer timeout \(timeouts.stall) s)"
            }
            if reply > 0 { message += " (the server answered \(reply))" }
            let permanent = (500...599).contains(reply) || code == CURLE_LOGIN_DENIED || code == CURLE_URL_MALFORMAT
                || code == CURLE_UNSUPPORTED_PROTOCOL
            return .failure(CurlFailure(code: Int(code.rawValue), message: message, isRetryable: !permanent,
                                        replyCode: reply > 0 ? reply : nil))
        }
        return .success(reply)
    }
}
