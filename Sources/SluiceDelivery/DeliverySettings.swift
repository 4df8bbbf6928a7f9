import Foundation
import SluiceCore

/// How the delivery service works through the outbox.
public struct DeliverySettings: Sendable {
    /// Who holds a claim: `host/pid/random`, so a restarted process on this host can tell its dead
    /// predecessor's claims from a live process's.
    public var owner: String
    /// How long a claim keeps other processes off a notification; longer than one send can take.
    public var lease: TimeInterval = 90
    /// Notifications claimed at once.
    public var batch = 100
    /// Sends in flight at once.
    public var concurrency = 16
    /// How often the outbox is looked at when nothing was due.
    public var pollInterval: TimeInterval = 1
    public var policy = DeliveryRetryPolicy()
    /// `SLUICE_PUBLIC_URL`: links to the run and the try's log are added to payloads under it.
    public var publicURL: URL?

    public init(owner: String = DeliverySettings.processOwner(), publicURL: URL? = nil) {
        self.owner = owner
        self.publicURL = publicURL
    }

    /// `host/pid/<8 random hex digits>` of this process.
    public static func processOwner() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host)/\(getpid())/\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether `owner` was a process on this host that no longer runs (`kill(pid, 0)` says ESRCH).
    /// An owner on another host, or one that cannot be read, is not judged gone: its lease decides.
    public static func isGone(_ owner: String) -> Bool {
        let parts = owner.split(separator: "/")
        guard parts.count == 3, String(parts[0]) == ProcessInfo.processInfo.hostName, let pid = Int32(parts[1]) else { return false }
        guard pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
