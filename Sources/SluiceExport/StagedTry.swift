import SluiceCore
import Crypto
import Foundation

/// The record of one export try's staging, kept beside its folder in the staging area as
/// `<partition folder>/<try folder>.json`.
///
/// It names the task instance and try that own the folder, so a clean-up can tell a running try from a
/// dead one (by the metadata store, or by pid on this host) and find every try of one partition.
public struct StagedTry: Codable, Sendable, Equatable {
    public var dagId: String
    public var taskId: String
    public var runId: String
    public var tryNumber: Int
    /// The partition key prefix the try publishes to, no trailing slash.
    public var partition: String
    /// Set when the try's audits failed: the files are kept for inspection until `sluice lake gc` or the
    /// partition's next successful publish.
    public var auditFailed: Bool
    public var host: String
    public var pid: Int32
    public var createdAt: String

    public init(dagId: String, taskId: String, runId: String, tryNumber: Int, partition: String, auditFailed: Bool = false,
                host: String = ProcessInfo.processInfo.hostName, pid: Int32 = ProcessInfo.processInfo.processIdentifier,
                createdAt: String = ISO8601DateFormatter().string(from: Date())) {
        self.dagId = dagId
        self.taskId = taskId
        self.runId = runId
        self.tryNumber = tryNumber
        self.partition = partition
        self.auditFailed = auditFailed
        self.host = host
        self.pid = pid
        self.createdAt = createdAt
    }

    /// Whether this record belongs to task instance `dagId.taskId` of `runId`.
    public func belongs(dagId: String, taskId: String, runId: String) -> Bool {
        self.dagId == dagId && self.taskId == taskId && self.runId == runId
    }

    /// Whether the process that staged this try runs on this host now (false for another host's process).
    public var processRunsHere: Bool {
        guard host == ProcessInfo.processInfo.hostName, pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether the process that staged this try ran on this host and is gone.
    public var processDiedHere: Bool {
        host == ProcessInfo.processInfo.hostName && !processRunsHere
    }

    /// The folder of the partition's tries in the staging area, ending in `/`.
    var partitionFolder: String { StagedTry.folderName(partition) + "/" }

    /// The folder of this try's files in the staging area, ending in `/`.
    public var folder: String { partitionFolder + tryName + "/" }

    /// The key of this record in the staging area.
    var recordKey: String { partitionFolder + tryName + ".json" }

    var tryName: String {
        StagedTry.folderName("\(runId).\(tryNumber).\(dagId).\(taskId)")
    }

    /// One path segment for any text: `/`, `%` and leading dots escaped, long names shortened with a hash.
    static func folderName(_ text: String) -> String {
        var name = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/", "%", "\0": name += String(format: "%%%02X", scalar.value)
            default: name.unicodeScalars.append(scalar)
            }
        }
        if name.hasPrefix(".") { name = "%2E" + name.dropFirst() }
        if name.utf8.count > 180 {
            let digest = Hex.encode(SHA256.hash(data: Data(text.utf8)))
            name = String(name.prefix(60)) + "~" + digest.prefix(32)
        }
        return name
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> StagedTry {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(StagedTry.self, from: data)
    }
}
