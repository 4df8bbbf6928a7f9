import Foundation
import SluiceStore
import XCTest

/// A test case that runs the built `sluice` in a throwaway project against the test PostgreSQL: the
/// server is the one shared by the test process (started on first use, or taken from `SLUICE_TEST_PG_URI`),
/// and a test fails, never skips, when it cannot start.
class CLIProjectTestCase: XCTestCase {
    /// The test PostgreSQL, set by `setUpWithError`.
    private(set) var pg: TestPostgres!
    var project: TestProject!

    override func setUpWithError() throws {
        pg = try TestPostgres()
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
    func store() async throws -> SQLMetadataStore {
        if let url = project.metadataURL { return try await SQLMetadataStore.open(url: url) }
        return try await SQLMetadataStore.open(location: StoreLocation(home: project.home))
    }
}
