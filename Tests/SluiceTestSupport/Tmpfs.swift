import Foundation

/// A real small file system for disk-full tests: a tmpfs of `megabytes` MiB mounted on a new temporary
/// folder (the tests run as root). Unmounted by `unmount()` or when released.
public final class Tmpfs {
    public let path: String
    private var mounted = true

    public init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "sluice-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        do {
            try TestProcess.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        } catch {
            rmdir(path)
            throw TestProcessError(message: "could not mount a \(megabytes) MiB tmpfs on \(path) (disk-full tests need root): \(error)")
        }
    }

    /// Bytes in use on the file system.
    public var usedBytes: Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return -1 }
        return Int64(info.f_blocks - info.f_bfree) * Int64(info.f_frsize)
    }

    public func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? TestProcess.run("/usr/bin/umount", ["-l", path])
        rmdir(path)
    }

    deinit { unmount() }
}
