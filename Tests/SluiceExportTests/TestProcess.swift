import Foundation
import XCTest

struct TestProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Child processes, loopback ports and python readers for the export tests.
enum TestProcess {
    /// Runs a program to completion, stdout to a temporary file (so large outputs never block a pipe).
    @discardableResult
    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:]) throws -> Data {
        let tmp = FileManager.default.temporaryDirectory
        let outURL = tmp.appendingPathComponent("sluice-test-out-\(UUID().uuidString)")
        let errURL = tmp.appendingPathComponent("sluice-test-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let out = try Data(contentsOf: outURL)
        guard process.terminationStatus == 0 else {
            let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
            throw TestProcessError(message: "\(executable) \(args.prefix(1)) exited \(process.terminationStatus): \(err.suffix(3000))")
        }
        return out
    }

    /// Runs a python3 script with arguments; returns stdout.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        String(decoding: try run("/usr/bin/env", ["python3", "-c", script] + arguments), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A free TCP port on 127.0.0.1.
    static func freePort() throws -> Int {
        Int(try python("import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])", [])) ?? 0
    }

    static func isListening(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Starts `arguments` through /usr/bin/env with output discarded.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitUntilListening(port: Int, process: Process, timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if isListening(port: port) { return }
            if !process.isRunning { throw TestProcessError(message: "\(process.arguments ?? []) exited early") }
            usleep(50_000)
        }
        throw TestProcessError(message: "nothing listened on port \(port) within \(timeout) s")
    }

    static func stop(_ process: Process?) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
