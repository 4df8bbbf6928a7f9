import Foundation

/// Staging and atomic publication for a local folder.
///
/// The staging area of `/data/lake` is `/data/.lake.sluice-staging`: beside the destination, never inside it,
/// because DuckDB's `**` descends into hidden and `_`-prefixed folders alike. Being on the same file system
/// (checked when the staging area is opened: a destination folder that is a mount point is refused) lets a
/// staged partition folder replace the published one with `renameat2(RENAME_EXCHANGE)`: a reader resolving
/// `partition/` sees the old folder or the new one, never a mix. Sub-folders of the old partition (partitions of other tasks nested inside it) are
/// hard-linked into the new folder before the swap, so they stay visible throughout.
extension LocalDestination {
    /// The suffix of the staging folder's name: `.<destination folder name>.sluice-staging`.
    public static let stagingSuffix = ".sluice-staging"

    public func stagingArea() throws -> any Destination {
        guard root != "/" else {
            throw DestinationError.invalidSetting(variable: describe(key: ""),
                                                  reason: "the file system root cannot be a destination: Sluice stages files beside the destination folder")
        }
        let parent = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        let area = try LocalDestination(root: (parent == "/" ? "" : parent) + "/." + name + LocalDestination.stagingSuffix)
        if let rootDevice = LocalDestination.device(of: root), let areaDevice = LocalDestination.device(of: area.root), rootDevice != areaDevice {
            throw DestinationError.invalidSetting(
                variable: describe(key: ""),
                reason: "it is a mount point, and Sluice stages files beside the destination folder (\(area.root)) on the same file system so that a partition is published by one atomic rename; use a folder inside the mounted volume")
        }
        return area
    }

    /// The device of `path`, or of its nearest existing ancestor.
    static func device(of path: String) -> UInt64? {
        var current = path
        while true {
            var info = stat()
            if stat(current, &info) == 0 { return UInt64(info.st_dev) }
            if current == "/" || current.isEmpty { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    public func deleteTree(prefix: String) async throws {
        var folderKey = prefix
        while folderKey.hasSuffix("/") { folderKey.removeLast() }
        try ObjectKey.validate(folderKey)
        let folder = path(of: folderKey)
        let root = self.root
        try await queue.run {
            do {
                try FileManager.default.removeItem(atPath: folder)
            } catch let error as NSError where error.code == NSFileNoSuchFileError || error.code == NSFileReadNoSuchFileError {
                return
            } catch {
                var info = stat()
                if lstat(folder, &info) != 0 && errno == ENOENT { return }
                throw DestinationError.io(operation: "delete", path: folder, message: error.localizedDescription)
            }
            LocalDestination.pruneEmptyFolders(above: folder, root: root)
        }
    }

    public func publishPartition(_ partition: String, stagedPrefix: String, from staging: any Destination,
                                 renaming: [String: String]) async throws {
        guard let staging = staging as? LocalDestination else {
            throw DestinationError.invalidSetting(variable: describe(key: partition), reason: "a local destination publishes only from its own staging area")
        }
        var stagedKey = stagedPrefix
        while stagedKey.hasSuffix("/") { stagedKey.removeLast() }
        try ObjectKey.validate(stagedKey)
        try ObjectKey.validate(partition)
        let source = staging.path(of: stagedKey)
        let target = path(of: partition)
        for (from, to) in renaming {
            try ObjectKey.validate(from)
            try ObjectKey.validate(to)
        }
        try await queue.run {
            for (from, to) in renaming.sorted(by: { $0.key < $1.key }) where rename(source + "/" + from, source + "/" + to) != 0 {
                throw SystemError.io("rename", source + "/" + from)
            }
            try LocalDestination.createParent(of: target)
            try LocalDestination.linkSubfolders(of: target, into: source)
            try LocalDestination.swap(source, target)
            let parent = open((target as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if parent >= 0 {
                fsync(parent)
                close(parent)
            }
        }
    }

    /// Puts folder `source` at `target`: an atomic exchange when `target` exists (the old folder ends up at
    /// `source`), a plain rename when it does not.
    static func swap(_ source: String, _ target: String) throws {
        if let exchange = RenameExchange.function {
            if exchange(AT_FDCWD, source, AT_FDCWD, target, RenameExchange.flag) == 0 { return }
            switch errno {
            case ENOENT:
                if rename(source, target) == 0 { return }
                if errno == ENOTEMPTY || errno == EEXIST {
                    // Another publish created the folder in between: exchange with it.
                    if exchange(AT_FDCWD, source, AT_FDCWD, target, RenameExchange.flag) == 0 { return }
                }
                throw publishFailure(source, target)
            case EINVAL, ENOSYS:
                break // The file system cannot exchange: fall through to two renames.
            default:
                throw publishFailure(source, target)
            }
        }
        // Without RENAME_EXCHANGE the partition is briefly absent between the two renames (never mixed).
        let old = source + ".replaced"
        let hadOld = rename(target, old) == 0
        if !hadOld && errno != ENOENT { throw publishFailure(target, old) }
        if rename(source, target) != 0 {
            let failure = publishFailure(source, target)
            if hadOld { rename(old, target) }
            throw failure
        }
        if hadOld { rename(old, source) }
    }

    static func publishFailure(_ source: String, _ target: String, _ code: Int32 = errno) -> DestinationError {
        if code == EXDEV {
            return .io(operation: "publish into", path: target,
                       message: "the staging folder \(source) is on another file system; mount the volume above the destination folder so both are on it")
        }
        return SystemError.io("publish into", target, code)
    }

    /// Hard-links every sub-folder of `target` (nested partitions) into `source`, keeping names already there.
    static func linkSubfolders(of target: String, into source: String) throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: target) else { return }
        for name in entries.sorted() {
            let from = target + "/" + name
            let to = source + "/" + name
            var info = stat()
            guard lstat(from, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, lstat(to, &info) != 0 else { continue }
            try linkTree(from, to)
        }
    }

    private static func linkTree(_ from: String, _ to: String) throws {
        if mkdir(to, 0o755) != 0 && errno != EEXIST { throw SystemError.io("create folder", to) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: from)) ?? []
        for name in entries where !name.hasSuffix(partialSuffix) {
            var info = stat()
            guard lstat(from + "/" + name, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try linkTree(from + "/" + name, to + "/" + name)
            case S_IFREG:
                if link(from + "/" + name, to + "/" + name) != 0 && errno != EEXIST {
                    throw SystemError.io("link", to + "/" + name)
                }
            default: continue
            }
        }
    }
}

/// `renameat2(2)` with `RENAME_EXCHANGE`, looked up in the C library at run time (Swift's Glibc module does
/// not import it); nil where the C library lacks it.
enum RenameExchange {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    static let flag: UInt32 = 1 << 1

    static let function: Function? = {
        guard let symbol = dlsym(nil, "renameat2") /* RTLD_DEFAULT is NULL in glibc */ else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
