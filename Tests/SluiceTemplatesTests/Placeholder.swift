import XCTest

final class SluiceTemplatesTestsPlaceholder: XCTestCase {}
