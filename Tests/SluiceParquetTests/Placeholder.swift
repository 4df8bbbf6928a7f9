import XCTest

final class SluiceParquetTestsPlaceholder: XCTestCase {}
