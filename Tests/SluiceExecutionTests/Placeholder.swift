import XCTest

final class SluiceExecutionTestsPlaceholder: XCTestCase {}
