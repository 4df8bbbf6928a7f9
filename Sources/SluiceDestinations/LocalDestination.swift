import Foundation

/// A destination that is a folder on the local file system.
///
/// Objects are files under the base folder, keys their `/`-separated relative paths. Writers write to a
/// hidden `<file>.<random>.partial` beside the target, fsync it and rename it into place, so a reader
/// never sees half an object; `list` skips `.partial` files. Copy uses a hard link when it can (same file
/// system) and a byte copy otherwise; move is a rename. All file-system calls run on a Dispatch queue.
/// Staged files live in a hidden sibling folder, `<parent>/.<name>.sluice-staging`, on the same file system
/// so a partition is published by one atomic folder swap (`LocalDestination+Staging.swift`).
public struct LocalDestination: Destination {
    /// The absolute base folder.
    public let root: String
    let queue: DispatchQueue

    /// The suffix of in-progress files; never part of a listed key.
    public static let partialSuffix = ".partial"

    /// A destination rooted at `root`, an absolute path. The folder is created on first write.
    public init(root: String) throws {
        guard root.hasPrefix("/") else {
            throw DestinationError.invalidURL(variable: "local destination", value: root, reason: "the path must be absolute")
        }
        var path = root
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.root = path
        self.queue = DispatchQueue(label: "sluice.destination.local", qos: .utility, attributes: .concurrent)
    }

    func path(of key: String) -> String {
        root == "/" ? "/" + key : root + "/" + key
    }

    public func describe(key: String) -> String {
        "file://" + path(of: key)
    }

    public func openWriter(key: String, contentType: String?) async throws -> any ObjectWriter {
        try ObjectKey.validate(key)
        let target = path(of: key)
        let partial = target + "." + LocalDestination.randomTag() + LocalDestination.partialSuffix
        let fd = try await queue.run {
            try LocalDestination.createParent(of: target)
            let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0 { throw SystemError.io("create", partial) }
            return fd
        }
        return LocalObjectWriter(key: key, uri: describe(key: key), target: target, partial: partial, fd: fd, queue: queue)
    }

    public func put(key: String, data: Data, contentType: String?) async throws -> ObjectInfo {
        let writer = try await openWriter(key: key, contentType: contentType)
        do {
            try await writer.write(data)
            return try await writer.finish()
        } catch {
            await writer.abort()
            throw error
        }
    }

    public func get(key: String) async throws -> Data {
        try ObjectKey.validate(key)
        let file = path(of: key)
        let uri = describe(key: key)
        return try await queue.run {
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT { throw DestinationError.notFound(uri: uri) }
                throw SystemError.io("open", file)
            }
            defer { close(fd) }
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemError.io("read", file)
                }
                if n == 0 { break }
                data.append(contentsOf: chunk[0..<n])
            }
            return data
        }
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        guard !prefix.hasPrefix("/"), !prefix.split(separator: "/").contains("..") else {
            throw DestinationError.invalidKey(key: prefix, reason: "a listing prefix must be relative")
        }
        let root = self.root
        return try await queue.run {
            // Start from the deepest folder the prefix names, then filter by the string prefix.
            let folderPart = prefix.contains("/") ? String(prefix[..<(prefix.lastIndex(of: "/") ?? prefix.startIndex)]) : ""
            let start = folderPart.isEmpty ? root : root + "/" + folderPart
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: start, isDirectory: &isDirectory), isDirectory.boolValue else {
                return []
            }
            guard let enumerator = FileManager.default.enumerator(atPath: start) else {
                throw DestinationError.io(operation: "list", path: start, message: "the folder cannot be read")
            }
            var objects: [ObjectInfo] = []
            while let relative = enumerator.nextObject() as? String {
                let key = folderPart.isEmpty ? relative : folderPart + "/" + relative
                guard key.hasPrefix(prefix), !key.hasSuffix(LocalDestination.partialSuffix) else { continue }
                var info = stat()
                guard lstat(start + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                objects.append(ObjectInfo(key: key, bytes: Int64(info.st_size)))
            }
            return objects.sorted { $0.key < $1.key }
        }
    }

    public func copy(from source: String, to target: String) async throws {
        try ObjectKey.validate(source)
        try ObjectKey.validate(target)
        let from = path(of: source)
        let to = path(of: target)
        let uri = describe(key: source)
        let temporary = to + "." + LocalDestination.randomTag() + LocalDestination.partialSuffix
        try await queue.run {
            var info = stat()
            guard stat(from, &info) == 0 else {
                if errno == ENOENT { throw DestinationError.notFound(uri: uri) }
                throw SystemError.io("read", from)
            }
            try LocalDestination.createParent(of: to)
            // A hard link shares the bytes without copying them; writers never modify files in place.
            if link(from, temporary) != 0 {
                do {
                    try FileManager.default.copyItem(atPath: from, toPath: temporary)
                } catch {
                    unlink(temporary)
                    throw DestinationError.io(operation: "copy", path: from, message: "\(error.localizedDescription)")
                }
            }
            if rename(temporary, to) != 0 {
                let code = errno
                unlink(temporary)
                throw SystemError.io("rename into", to, code)
            }
        }
    }

    public func move(from source: String, to target: String) async throws {
        try ObjectKey.validate(source)
        try ObjectKey.validate(target)
        let from = path(of: source)
        let to = path(of: target)
        let uri = describe(key: source)
        let crossDevice: Bool = try await queue.run {
            try LocalDestination.createParent(of: to)
            if rename(from, to) == 0 {
                LocalDestination.pruneEmptyFolders(above: from, root: self.root)
                return false
            }
            switch errno {
            case ENOENT: throw DestinationError.notFound(uri: uri)
            case EXDEV: return true
            default: throw SystemError.io("move", from)
            }
        }
        if crossDevice {
            try await copy(from: source, to: target)
            try await delete(keys: [source])
        }
    }

    public func delete(keys: [String]) async throws {
        for key in keys { try ObjectKey.validate(key) }
        let paths = keys.map(path(of:))
        let root = self.root
        try await queue.run {
            for file in paths {
                if unlink(file) != 0 && errno != ENOENT {
                    throw SystemError.io("delete", file)
                }
                LocalDestination.pruneEmptyFolders(above: file, root: root)
            }
        }
    }

    public func exists(key: String) async throws -> Bool {
        try ObjectKey.validate(key)
        let file = path(of: key)
        return try await queue.run {
            var info = stat()
            return stat(file, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
    }
}

extension LocalDestination {
    static func randomTag() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    static func createParent(of file: String) throws {
        let parent = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if (error as NSError).code == NSFileWriteOutOfSpaceError || underlying?.code == Int(ENOSPC) {
                throw DestinationError.noSpace(path: parent)
            }
            throw DestinationError.io(operation: "create folder", path: parent, message: error.localizedDescription)
        }
    }

    /// Removes folders left empty by a delete or move, up to (not including) the root. Best effort.
    static func pruneEmptyFolders(above file: String, root: String) {
        var folder = (file as NSString).deletingLastPathComponent
        while folder.count > root.count && folder.hasPrefix(root + "/") {
            if rmdir(folder) != 0 { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
