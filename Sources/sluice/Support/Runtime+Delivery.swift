import Foundation
import Logging
import SluiceCore
import SluiceDelivery
import SluiceNotifications

extension Runtime {
    /// The notifiers of `$SLUICE_NOTIFY_<ID>`.
    var notifiers: NotifierRegistry { NotifierRegistry(environment: environment) }

    /// `SLUICE_PUBLIC_URL`, the api-server's address as users reach it, when set; throws when it is not an
    /// http(s) URL.
    static func publicURL(environment: [String: String]) throws -> URL? {
        guard let text = environment["SLUICE_PUBLIC_URL"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw CommandError.invalidSetting("SLUICE_PUBLIC_URL", text, "an http:// or https:// URL such as https://sluice.example.com")
        }
        return url
    }

    /// `SLUICE_NOTIFY_RETRY_DELAY`: the wait before a failed delivery's first retry (doubling after each
    /// further failure, at most an hour apart); 10 s when unset.
    static func notificationRetryDelay(environment: [String: String]) throws -> TimeInterval {
        guard let text = environment["SLUICE_NOTIFY_RETRY_DELAY"], !text.isEmpty else { return 10 }
        guard let seconds = try? DurationParser.seconds(from: text), (1...3_600).contains(seconds) else {
            throw CommandError.invalidSetting("SLUICE_NOTIFY_RETRY_DELAY", text, "a duration from 1s to 1h such as 10s")
        }
        return seconds
    }

    /// A sender that masks `masker`'s secrets in what receivers answer.
    static func notificationSender(masker: SecretMasker) -> NotificationSender {
        NotificationSender(mask: { masker.mask($0) })
    }

    /// The outbox delivery service of a daemon, logging to `logger`. Notifiers that cannot be used are
    /// reported now (their notifications fail when due, naming the problem).
    func deliveryService(logger: Logger) throws -> NotificationDeliveryService {
        let registry = notifiers
        for problem in registry.configurationProblems {
            logger.warning("notifications: \(problem.description)")
        }
        let masker = self.masker
        var settings = DeliverySettings(publicURL: try Self.publicURL(environment: environment))
        settings.policy.firstDelay = try Self.notificationRetryDelay(environment: environment)
        return NotificationDeliveryService(store: store, registry: registry, sender: Self.notificationSender(masker: masker),
                                           settings: settings, logger: logger,
                                           mask: { masker.mask($0) })
    }

    /// Runs `body` (a backfill, a local trigger) with the outbox delivered alongside, as a scheduler would:
    /// notifications its tries write go out while it runs, and once more right after it, one attempt each.
    /// What still fails stays pending for a scheduler. Problems are logged on stderr (warnings only, so
    /// progress lines stay readable); nothing runs when no notifier is configured.
    func withNotificationDelivery<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard !notifiers.configuredIDs.isEmpty else { return try await body() }
        var handler = try ConsoleLogHandler(environment: environment)
        handler.toStandardError = true
        handler.logLevel = max(handler.logLevel, .warning)
        let logger = Logger(label: "sluice.notifications") { [handler] _ in handler }
        let service = try deliveryService(logger: logger)
        let delivery = Task { try? await service.run() }
        func finish() async {
            delivery.cancel()
            await delivery.value
            _ = await service.deliverDue()
        }
        do {
            let result = try await body()
            await finish()
            return result
        } catch {
            await finish()
            throw error
        }
    }
}
