import SluicePostgres
@testable import SluiceStore
import XCTest

/// The PostgreSQL store's sessions plan its statements generically, keeping the server options the URL gives.
final class PostgresStoreDatabaseTests: XCTestCase {
    func testTheStoresSessionsAskForGenericPlans() throws {
        let config = try ConnectionConfig(uri: "postgresql://sluice@db.example.com/meta")
        XCTAssertEqual(PostgresStoreDatabase.withGenericPlans(config).options["options"], "-c plan_cache_mode=force_generic_plan")
    }

    func testTheURLsOwnServerOptionsAreKept() throws {
        let config = try ConnectionConfig(uri: "postgresql://sluice@db.example.com/meta?options=-c%20search_path%3Dsluice")
        XCTAssertEqual(PostgresStoreDatabase.withGenericPlans(config).options["options"],
                       "-c search_path=sluice -c plan_cache_mode=force_generic_plan")
    }
}
