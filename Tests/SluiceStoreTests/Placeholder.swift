import XCTest

final class SluiceStoreTestsPlaceholder: XCTestCase {}
