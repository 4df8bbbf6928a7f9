import XCTest

final class SluiceCLITestsPlaceholder: XCTestCase {}
