import XCTest

final class SluiceDefinitionsTestsPlaceholder: XCTestCase {}
