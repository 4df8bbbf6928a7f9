import XCTest

final class SluiceFormatsTestsPlaceholder: XCTestCase {}
