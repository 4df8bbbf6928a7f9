import Foundation
import XCTest

/// Runs the built `sluice` binary as a user would, capturing its output and exit code.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `sluice` executable next to the test bundle (SwiftPM builds both into one folder), or the one
    /// `SLUICE_TEST_BINARY` names (to run these tests against another build, e.g. an older commit's).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SLUICE_TEST_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let nextToTests = Bundle.main.bundleURL.appendingPathComponent("sluice")
        if FileManager.default.isExecutableFile(atPath: nextToTests.path) { return nextToTests }
        for config in ["debug", "release"] {
            let url = packageRoot.appendingPathComponent(".build/\(config)/sluice")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nextToTests
    }

    /// `stdin`, when given, is written to the command's standard input, which is then closed.
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("SLUICE_") && key != "SLUICE_TEST_PG_URI" { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice  // never the terminal of whoever runs the tests
        process.standardOutput = out
        process.standardError = err
        if let input, let stdin {
            // Written before the child starts (into the pipe's buffer), so a child that exits without
            // reading cannot turn the write into a SIGPIPE.
            try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
