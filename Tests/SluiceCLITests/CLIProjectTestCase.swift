import Foundation
import SluiceStore
import XCTest

/// A test case that runs the built `sluice` in a throwaway project against the test PostgreSQL: the
/// server is started once per test class (or taken from `SLUICE_TEST_PG_URI`), and a test fails, never
/// skips, when it cannot start.
class CLIProjectTestCase: XCTestCase {
    nonisolated(unsafe) static var pg: TestPostgres!
    nonisolated(unsafe) static var startFailure: (any Error)?

    override class func setUp() {
        super.setUp()
        do {
            pg = try TestPostgres()
            startFailure = nil
        } catch {
            startFailure = error
        }
    }

    override class func tearDown() {
        pg?.stop()
        pg = nil
        super.tearDown()
    }

    var pg: TestPostgres { Self.pg }
    var project: TestProject!

    override func setUpWithError() throws {
        if let failure = Self.startFailure { throw failure }
        project = try TestProject()
    }

    override func tearDownWithError() throws {
        project?.remove()
    }

    /// Starts `sluice scheduler` in the project, its standard output collected; it gets SIGTERM and is
    /// waited for when the test ends (a test may stop it earlier itself).
    func startScheduler(_ env: [String: String] = [:]) throws -> (Process, OutputBuffer) {
        let (scheduler, out, _) = try project.start(["scheduler"], pg: pg, env: env)
        addTeardownBlock {
            if scheduler.isRunning { kill(scheduler.processIdentifier, SIGTERM) }
            scheduler.waitUntilExit()
        }
        return (scheduler, OutputBuffer(out))
    }

    /// The metadata store of the project's Sluice home.
    func store() async throws -> SQLiteMetadataStore {
        try await SQLiteMetadataStore.open(location: StoreLocation(home: project.home))
    }
}
