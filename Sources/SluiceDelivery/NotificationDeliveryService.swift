import Foundation
import Logging
import ServiceLifecycle
import SluiceCore
import SluiceNotifications
import SluiceStore

/// Delivers the notification outbox (issue 12): a service of the scheduler's `ServiceGroup`, next to
/// the scheduling loop and the executor and independent of both, so a slow or dead receiver never holds
/// up a run.
///
/// Each round claims the due notifications (a lease keeps other processes off them), sends up to
/// `settings.concurrency` at once, and records every attempt: delivered, due again after the retry
/// policy's backoff, or failed for good. A notification is recorded as delivered as soon as its
/// receiver answered 2xx (attempts that finish while a record is being written go into the next one,
/// so the store sees few writes), so a restart never sends it again; a process killed before that leaves it
/// pending, and the next one sends it (claims of dead processes on this host are freed at start).
/// On graceful shutdown, sends in flight are cancelled and their claims freed.
public struct NotificationDeliveryService: Service {
    private let store: SQLMetadataStore
    private let registry: NotifierRegistry
    private let sender: NotificationSender
    private let settings: DeliverySettings
    private let logger: Logger
    private let mask: @Sendable (String) -> String

    public init(store: SQLMetadataStore, registry: NotifierRegistry, sender: NotificationSender, settings: DeliverySettings,
                logger: Logger, mask: @escaping @Sendable (String) -> String) {
        self.store = store
        self.registry = registry
        self.sender = sender
        self.settings = settings
        self.logger = logger
        self.mask = mask
    }

    public func run() async throws {
        do {
            let freed = try await store.releaseNotificationClaims(where: DeliverySettings.isGone)
            if freed > 0 { logger.info("notifications: \(freed) left claimed by a dead process are due again") }
        } catch {
            logger.warning("notifications: could not free claims of dead processes (\(mask(String(describing: error)))); they are due when their lease ends")
        }
        var storeTrouble = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let round = await cancelWhenGracefulShutdown { await self.deliverDue() }
            switch round {
            case let .delivered(count) where count > 0:
                storeTrouble = false
                continue  // more may be due: look again at once
            case let .storeFailed(message):
                if !storeTrouble { logger.warning("notifications: the metadata store refused (\(message)); trying again") }
                storeTrouble = true
            default:
                storeTrouble = false
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(settings.pollInterval)) }
        }
        do {
            _ = try await store.releaseNotificationClaims { $0 == settings.owner }
        } catch {
            logger.warning("notifications: could not free this process's claims at shutdown; they are due when their lease ends")
        }
    }

    /// What one round did.
    public enum Round: Sendable, Equatable {
        /// This many notifications were attempted (delivered or not).
        case delivered(Int)
        case storeFailed(String)
    }

    /// One round: claims what is due at `now` and attempts each once. Sends run `settings.concurrency` at
    /// a time; each attempt is recorded as soon as its answer is in.
    public func deliverDue(now: Date = Date()) async -> Round {
        let due: [OutboxNotification]
        do {
            due = try await store.claimDueNotifications(owner: settings.owner, now: now, lease: settings.lease, limit: settings.batch)
        } catch {
            return .storeFailed(mask(String(describing: error)))
        }
        guard !due.isEmpty else { return .delivered(0) }
        let recorder = DeliveryRecorder { await self.record($0) }
        await withTaskGroup(of: Void.self) { group in
            var next = due.makeIterator()
            for _ in 0..<max(1, settings.concurrency) {
                guard let notification = next.next() else { break }
                group.addTask { await self.attempt(notification, recorder: recorder) }
            }
            while await group.next() != nil {
                guard let notification = next.next() else { continue }
                group.addTask { await self.attempt(notification, recorder: recorder) }
            }
        }
        return .delivered(due.count)
    }

    /// Sends one claimed notification once and hands the outcome to `recorder` (not when the send was
    /// cancelled: the claim is freed instead and the notification stays due).
    func attempt(_ notification: OutboxNotification, recorder: DeliveryRecorder) async {
        let report = await send(notification.draft)
        if Task.isCancelled { return }
        await recorder.add(DeliveryRecorder.Entry(notification: notification, report: report, at: Date()))
    }

    /// Records finished attempts in one transaction and logs each.
    func record(_ entries: [DeliveryRecorder.Entry]) async {
        let states: [OutboxState?]
        do {
            states = try await store.recordDeliveryAttempts(entries.map {
                DeliveryAttempt(id: $0.notification.id, outcome: $0.report.outcome, error: $0.report.isDelivered ? nil : $0.report.answer, at: $0.at)
            }, owner: settings.owner, policy: settings.policy)
        } catch {
            let ids = entries.map { String($0.notification.id) }.joined(separator: ", ")
            logger.warning("notifications: could not record deliveries \(ids) (\(mask(String(describing: error)))); they will be sent again")
            return
        }
        for (entry, state) in zip(entries, states) {
            let n = entry.notification, answer = entry.report.answer
            let what = "notification \(n.id) \(n.draft.event.rawValue) \(n.draft.dagId) to \(n.draft.notifier)"
            switch state {
            case .delivered?:
                logger.info("\(what): delivered (\(answer))")
            case .pending?:
                logger.warning("\(what): attempt \(n.attempts + 1) failed (\(answer)); trying again later")
            case .failed?:
                logger.error("\(what): failed for good after \(n.attempts + 1) attempt\(n.attempts == 0 ? "" : "s") (\(answer)); sluice notifications retry \(n.id) sends it again")
            case nil:
                logger.info("\(what): another process took it over while it was being sent")
            }
        }
    }

    /// The attempt's report: the notifier as configured now, the stored payload completed with links.
    func send(_ draft: NotificationDraft) async -> DeliveryReport {
        do {
            let notifier = try registry.notifier(named: draft.notifier)
            let payload = try NotificationPayload(jsonBody: draft.payload).linked(to: settings.publicURL)
            return await sender.send(notifier.delivery(for: payload, now: Date()))
        } catch {
            return DeliveryReport(outcome: .rejected, answer: mask(String(describing: error)))
        }
    }
}
