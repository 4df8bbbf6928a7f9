import XCTest

final class SluiceCoreTestsPlaceholder: XCTestCase {}
