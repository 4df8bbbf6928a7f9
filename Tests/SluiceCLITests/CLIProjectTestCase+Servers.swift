import Foundation
import XCTest

extension CLIProjectTestCase {
    /// Starts `sluice <args>` (a server) and returns the URL it prints after `announcement` (e.g.
    /// `api-server listening on`) once it listens; it gets SIGTERM and is waited for when the test ends.
    func startListening(_ args: [String], announcement: String, env: [String: String] = [:]) throws -> (Process, OutputBuffer, String) {
        let (process, out, _) = try project.start(args, pg: pg, env: env)
        addTeardownBlock {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
        }
        let buffer = OutputBuffer(out)
        var url = ""
        XCTAssertTrue(eventually {
            guard let range = buffer.text.range(of: announcement + #" (http://[^\s"]+)"#, options: .regularExpression) else { return false }
            url = String(buffer.text[range].split(separator: " ").last ?? "")
            return true
        }, buffer.text)
        return (process, buffer, url)
    }
}
