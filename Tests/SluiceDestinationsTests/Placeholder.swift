import XCTest

final class SluiceDestinationsTestsPlaceholder: XCTestCase {}
