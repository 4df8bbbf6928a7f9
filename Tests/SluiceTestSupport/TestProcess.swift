import Foundation

/// Why a child process of a test failed.
public struct TestProcessError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public init(description: String) { self.message = description }
    public var description: String { message }
}

/// Child processes, loopback ports and python readers for the test targets that need real servers.
public enum TestProcess {
    public typealias Failure = TestProcessError

    /// Runs a program to completion with posix_spawn and waitpid, stdout and stderr in temporary files, and
    /// `stdin` (if any) as its standard input. (Foundation's `Process.waitUntilExit` can hang inside XCTest on
    /// Linux when the program leaves a background child behind, as the PostgreSQL start script does.)
    @discardableResult
    public static func run(_ executable: String, _ args: [String], environment: [String: String] = [:],
                           stdin: Data? = nil) throws -> Data {
        let tmp = NSTemporaryDirectory()
        let outPath = tmp + "sluice-test-out-\(UUID().uuidString)"
        let errPath = tmp + "sluice-test-err-\(UUID().uuidString)"
        let inPath = tmp + "sluice-test-in-\(UUID().uuidString)"
        defer {
            unlink(outPath)
            unlink(errPath)
            unlink(inPath)
        }
        if let stdin { try stdin.write(to: URL(fileURLWithPath: inPath)) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw TestProcessError(message: "could not start \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            let err = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
            throw TestProcessError(message: "\(executable) \(args.prefix(1)) exited \(code) (status \(status)): \(err.suffix(3000))")
        }
        return out
    }

    /// Runs a python3 script with arguments; returns stdout.
    public static func python(_ script: String, _ arguments: [String]) throws -> String {
        String(decoding: try run("/usr/bin/env", ["python3", "-c", script] + arguments), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A free TCP port on 127.0.0.1.
    public static func freePort() throws -> Int {
        Int(try python("import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])", [])) ?? 0
    }

    public static func isListening(port: Int) -> Bool {
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
    public static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    public static func waitUntilListening(port: Int, process: Process, timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if isListening(port: port) { return }
            if !process.isRunning { throw TestProcessError(message: "\(process.arguments ?? []) exited early") }
            usleep(50_000)
        }
        throw TestProcessError(message: "nothing listened on port \(port) within \(timeout) s")
    }

    public static func stop(_ process: Process?) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Runs a python3 script with `input` on stdin and returns its stdout; throws on a non-zero exit.
    public static func python(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
