import Foundation
import SluiceParquet
import XCTest

/// Lists of lists (PostgreSQL's multi-dimensional arrays) are written as nested LIST groups that
/// pyarrow and DuckDB read back as nested lists, never flattened.
final class NestedListTests: XCTestCase {
    func testTwoAndThreeDimensionalRowsReadBackAsNestedLists() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "m", type: .list(.list(.int32))),
            .init(name: "c", type: .list(.list(.list(.string))), nullable: false),
        ])
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 3
        try file.write(schema: schema, options: options) { writer, batch in
            // m: [[1,2,3],[4,null,6]], null, [], [[7]], [[8],[9]]
            [1, 2, 3, 4].forEach { batch[0].appendInt32(Int32($0)) }
            batch[0].appendNull()
            batch[0].appendInt32(6)
            batch[0].endList(dimensions: [2, 3])
            batch[0].appendNullList()
            batch[0].endList(dimensions: [])
            batch[0].appendInt32(7)
            batch[0].endList(dimensions: [1, 1])
            batch[0].appendInt32(8)
            batch[0].appendInt32(9)
            batch[0].endList(dimensions: [2, 1])
            // c: 2x2x2 letters, [], [[[x]]], 1x2x1, 2x1x2
            "abcdefgh".forEach { batch[1].appendString(String($0)) }
            batch[1].endList(dimensions: [2, 2, 2])
            batch[1].endList()
            batch[1].appendString("x")
            batch[1].endList(dimensions: [1, 1, 1])
            batch[1].appendString("p")
            batch[1].appendNull()
            batch[1].endList(dimensions: [1, 2, 1])
            "wxyz".forEach { batch[1].appendString(String($0)) }
            batch[1].endList(dimensions: [2, 1, 2])
            try writer.write(batch)
        }
        let report = try file.read()
        let m: [String?] = [#"[["1","2","3"],["4",null,"6"]]"#, nil, "[]", #"[["7"]]"#, #"[["8"],["9"]]"#]
        let c: [String?] = [#"[[["a","b"],["c","d"]],[["e","f"],["g","h"]]]"#, "[]", #"[[["x"]]]"#, #"[[["p"],[null]]]"#,
                            #"[[["w","x"]],[["y","z"]]]"#]
        XCTAssertEqual(report.arrowValues["m"], m)
        XCTAssertEqual(report.duckdbValues["m"], m)
        XCTAssertEqual(report.arrowValues["c"], c)
        XCTAssertEqual(report.duckdbValues["c"], c)
        XCTAssertEqual(report.arrowField("m")?.type, "list<element: list<element: int32>>")
        XCTAssertEqual(report.parquetColumn("m.list.element.list.element")?.maxDefinitionLevel, 5)
        XCTAssertEqual(report.parquetColumn("m.list.element.list.element")?.maxRepetitionLevel, 2)
        XCTAssertEqual(report.parquetColumn("c.list.element.list.element.list.element")?.maxDefinitionLevel, 6)
    }

    func testARowWhoseDimensionsDoNotMatchTheColumnIsRejectedNamingTheColumn() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([.init(name: "grid", type: .list(.list(.int64)))])
        XCTAssertThrowsError(try file.write(schema: schema) { writer, batch in
            [1, 2, 3, 4].forEach { batch[0].appendInt64(Int64($0)) }
            batch[0].endList(dimensions: [4])
            try writer.write(batch)
        }) { error in
            XCTAssertEqual(error as? ParquetError, .invalidListShape(column: "grid", reason: "has 1 dimensions but the column nests 2 lists"))
            XCTAssertTrue("\(error)".contains("'grid'"), "\(error)")
        }
        XCTAssertThrowsError(try ParquetSchema([.init(name: "deep", type: .list(.list(.list(.list(.list(.list(.list(.int32)))))))) ])) { error in
            XCTAssertTrue("\(error)".contains("'deep' nests 7 lists"), "\(error)")
        }
    }
}
