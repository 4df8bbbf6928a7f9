import Dispatch
import HummingbirdBcrypt
import SluiceBlocking

/// Hashes and verifies passwords with bcrypt (HummingbirdBcrypt, cost 12 by default).
///
/// bcrypt takes a quarter of a second by design, so both calls run on one serial, low-priority Dispatch
/// queue through `BlockingQueue`, never on Swift's cooperative pool: a login never stalls other requests,
/// and a flood of logins keeps at most one core busy (they wait their turn) instead of starving the
/// scheduler. Verification compares in constant time (the library's `bcrypt_checkpass`).
/// Passwords shorter than 8 characters, longer than bcrypt's 72 bytes (which it would silently cut) or
/// holding a NUL character (which would end the C string early) are refused rather than weakened.
public struct PasswordHasher: Sendable {
    public static let minimumCharacters = 8
    public static let maximumBytes = 72

    /// log2 of bcrypt's rounds.
    public let cost: UInt8
    private let blocking: BlockingQueue

    /// A hasher with `cost` (4...31; 12 unless a test needs speed).
    public init(cost: UInt8 = 12) {
        self.cost = min(31, max(4, cost))
        self.blocking = BlockingQueue(label: "sluice.bcrypt", qos: .utility)
    }

    /// Throws `AuthError.invalidPassword` when `password` cannot be used.
    public static func validate(_ password: String) throws {
        guard password.count >= minimumCharacters else {
            throw AuthError.invalidPassword(reason: "it must have at least \(minimumCharacters) characters")
        }
        guard password.utf8.count <= maximumBytes else {
            throw AuthError.invalidPassword(reason: "bcrypt uses at most \(maximumBytes) bytes; choose a shorter one")
        }
        guard !password.utf8.contains(0) else {
            throw AuthError.invalidPassword(reason: "it must not contain a NUL character")
        }
    }

    /// The bcrypt hash (`$2b$12$...`) of a valid `password`.
    public func hash(_ password: String) async throws -> String {
        try Self.validate(password)
        let cost = self.cost
        return await blocking.run { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. False for a password that could never have been stored
    /// (too long, NUL), without running bcrypt on it.
    public func verify(_ password: String, hash: String) async -> Bool {
        guard password.utf8.count <= Self.maximumBytes, !password.utf8.contains(0) else { return false }
        return await blocking.run { Bcrypt.verify(password, hash: hash) }
    }
}
