import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure only one Sluice scheduler uses a Sluice home at a time: an exclusive
/// `flock` on `$SLUICE_HOME/scheduler.lock`, which also records the holder's pid and host.
///
/// The kernel drops a `flock` when its process dies, however it dies, so a lock left by
/// a killed scheduler is free again without any cleanup; the file itself stays and only
/// its text is stale. The lock is released by `release()` or when the value goes away.
/// It guards the home folder against a second scheduler, not individual rows: readers
/// such as the CLI open the store without it.
public final class SchedulerLock: Sendable {
    /// The lock file.
    public let path: String
    /// The locked file's descriptor; -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Takes the lock of `location`'s home folder (creating the folder if needed), or throws
    /// `StoreError.schedulerLockHeld` naming the live holder.
    public static func acquire(location: StoreLocation, pid: Int32 = getpid(), host: String = currentHostName()) throws -> SchedulerLock {
        let home = location.home.path
        do {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreateFolder(path: home, message: (error as NSError).localizedDescription)
        }
        let path = location.lockPath
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.lockFailed(path: path, message: String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = code == EWOULDBLOCK ? readHolder(fd) : nil
            close(fd)
            if code == EWOULDBLOCK {
                throw StoreError.schedulerLockHeld(pid: holder?.pid, host: holder?.host, home: home)
            }
            throw StoreError.lockFailed(path: path, message: String(cString: strerror(code)))
        }
        let text = Array("\(pid) \(host)\n".utf8)
        let written = text.withUnsafeBytes { bytes in
            ftruncate(fd, 0) == 0 ? pwrite(fd, bytes.baseAddress, bytes.count, 0) : -1
        }
        guard written == text.count else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw StoreError.lockFailed(path: path, message: "cannot record the holder: \(message)")
        }
        return SchedulerLock(path: path, descriptor: fd)
    }

    /// The live scheduler holding the lock of `location`'s home, or nil when none does (no lock
    /// file, an erased one, or a holder that died). Creates nothing and never blocks.
    ///
    /// The recorded pid is checked first; only a live one is confirmed with a shared `flock` probe
    /// (released at once), so a scheduler starting at that instant is almost never disturbed.
    public static func holder(location: StoreLocation, host: String = currentHostName()) -> (pid: Int32?, host: String?)? {
        let fd = open(location.lockPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let recorded = readHolder(fd)
        if let recorded, let pid = recorded.pid, recorded.host == host, kill(pid, 0) != 0, errno == ESRCH {
            return nil
        }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return errno == EWOULDBLOCK ? (recorded?.pid, recorded?.host) : nil
    }

    /// Whether this value still holds the lock.
    public var isHeld: Bool {
        descriptor.withLock { $0 >= 0 }
    }

    /// Gives the lock up (idempotent). The holder text is erased first, while still locked.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = ftruncate(fd, 0)
            close(fd)
            fd = -1
        }
    }

    /// This machine's host name, as recorded in the lock file.
    public static func currentHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads "PID HOST" from the lock file; nil when it holds nothing readable.
    private static func readHolder(_ fd: Int32) -> (pid: Int32?, host: String?)? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard let first = fields.first, let pid = Int32(first) else { return nil }
        return (pid, fields.count > 1 ? String(fields[1]) : nil)
    }
}
