import XCTest

final class SluicePostgresTestsPlaceholder: XCTestCase {}
