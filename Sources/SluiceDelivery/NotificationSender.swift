import Foundation
import SluiceCore
import SluiceCurl
import SluiceNotifications

/// Puts what a notifier sends on the wire: a webhook's HTTP request, or an email through SMTP, each over
/// libcurl on kept-alive connections (one at a time per connection, several connections at once).
///
/// A 2xx answer is delivered; any other status is reported with the first 300 characters of the body
/// (masked by `mask`); an SMTP reply of 5xx or rejected credentials is refused for good, other SMTP or
/// transport failures are worth another try.
public final class NotificationSender: Sendable {
    private let pool: CurlConnectionPool
    private let timeouts: CurlConnection.Timeouts
    private let mask: @Sendable (String) -> String

    /// - Parameters:
    ///   - connections: how many idle connections to keep for reuse.
    ///   - connectTimeout / stallTimeout: seconds to connect, and to wait on a stalled answer.
    public init(connections: Int = 16, connectTimeout: Int = 10, stallTimeout: Int = 30, mask: @escaping @Sendable (String) -> String) {
        pool = CurlConnectionPool(maxIdle: connections)
        timeouts = CurlConnection.Timeouts(connect: connectTimeout, stall: stallTimeout)
        self.mask = mask
    }

    /// Sends `delivery` once.
    public func send(_ delivery: NotifierDelivery) async -> DeliveryReport {
        guard let connection = pool.take() else {
            return DeliveryReport(outcome: .transportError, answer: "could not create a libcurl handle (out of memory?)")
        }
        switch delivery {
        case let .webhook(request):
            let http = HTTPRequest(method: request.method, url: request.url.absoluteString,
                                   headers: request.headers.map { ($0.name, $0.value) }, body: request.body)
            switch await connection.send(http, timeouts: timeouts) {
            case let .success(response):
                pool.giveBack(connection)
                let text = Self.excerpt(response.body)
                let answer = mask("HTTP \(response.status)" + (text.isEmpty ? "" : ": \(text)"))
                return DeliveryReport(outcome: (200...299).contains(response.status) ? .delivered : .status(response.status), answer: answer)
            case let .failure(failure):
                return DeliveryReport(outcome: failure.isRetryable ? .transportError : .rejected, answer: mask(failure.message))
            }
        case let .email(message, settings):
            let mail = MailRequest(serverURL: settings.serverURL, user: settings.user, password: settings.password,
                                   from: message.from, recipients: message.recipients, message: Data(message.text.utf8))
            switch await connection.send(mail, timeouts: timeouts) {
            case let .success(reply):
                pool.giveBack(connection)
                return DeliveryReport(outcome: .delivered, answer: "SMTP \(reply): accepted for \(message.recipients.count) recipient\(message.recipients.count == 1 ? "" : "s")")
            case let .failure(failure):
                return DeliveryReport(outcome: failure.isRetryable ? .transportError : .rejected, answer: mask("SMTP: \(failure.message)"))
            }
        }
    }

    /// The body's first 300 characters on one line (an HTML error page stays readable in a listing).
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(4_096), as: UTF8.self)
            .map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let line = String(text).trimmingCharacters(in: .whitespaces)
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }
}
