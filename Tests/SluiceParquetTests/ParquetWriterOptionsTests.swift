import SluiceParquet
import XCTest

/// Option validation happens when the writer is created and names every bad setting.
final class ParquetWriterOptionsTests: XCTestCase {
    func testInvalidOptionsAreAllReportedWhenTheWriterIsCreated() throws {
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 0
        options.dataPageSize = 0
        options.compression = .zstd(level: 40)
        let schema = try ParquetSchema([.init(name: "x", type: .int64)])
        XCTAssertThrowsError(try ParquetWriter(schema: schema, sink: MemorySink(), options: options)) { error in
            let text = (error as? ParquetError)?.description ?? ""
            XCTAssertTrue(text.contains("rowGroupMaxRows"), text)
            XCTAssertTrue(text.contains("dataPageSize"), text)
            XCTAssertTrue(text.contains("zstd level"), text)
        }
    }

    func testDefaultsMatchTheDocumentedValues() {
        let options = ParquetWriterOptions()
        XCTAssertEqual(options.compression, .zstd(level: 3))
        XCTAssertEqual(options.rowGroupMaxRows, 1_000_000)
        XCTAssertEqual(options.rowGroupMaxBytes, 128 * 1024 * 1024)
        XCTAssertEqual(options.dictionaryPageSizeLimit, 1024 * 1024)
        XCTAssertEqual(options.dataPageVersion, .v1)
    }
}
