@testable import SluiceParquet
import XCTest

/// The compact protocol encoder against bytes computed from the Thrift specification.
final class ThriftCompactWriterTests: XCTestCase {
    func testFieldsUseDeltaHeadersAndZigzagVarints() {
        let out = ByteBuffer()
        var t = ThriftCompactWriter(into: out)
        t.i32(1, Int32(3))      // 0x15, zigzag(3) = 6
        t.i64(3, Int64(-1))     // delta 2, type 6: 0x26, zigzag(-1) = 1
        t.bool(4, true)         // delta 1, type 1: 0x11
        t.string(5, "ab")       // 0x18, length 2, 'a' 'b'
        t.messageEnd()
        XCTAssertEqual(out.toArray(), [0x15, 0x06, 0x26, 0x01, 0x11, 0x18, 0x02, 0x61, 0x62, 0x00])
    }

    func testLargeFieldIdJumpUsesLongHeader() {
        let out = ByteBuffer()
        var t = ThriftCompactWriter(into: out)
        t.i32(1, Int32(0))
        t.i32(20, Int32(1))     // delta 19 > 15: type byte 0x05, then zigzag(20) = 40
        XCTAssertEqual(out.toArray(), [0x15, 0x00, 0x05, 0x28, 0x02])
    }

    func testNestedStructRestoresTheOuterFieldId() {
        let out = ByteBuffer()
        var t = ThriftCompactWriter(into: out)
        t.structBegin(2)        // 0x2C
        t.i32(1, Int32(1))      // 0x15 0x02
        t.structEnd()           // 0x00
        t.i32(3, Int32(1))      // delta from 2 is 1: 0x15 0x02
        XCTAssertEqual(out.toArray(), [0x2C, 0x15, 0x02, 0x00, 0x15, 0x02])
    }

    func testListsWithFifteenOrMoreElementsCarryAVarintSize() {
        let out = ByteBuffer()
        var t = ThriftCompactWriter(into: out)
        t.listBegin(1, elementType: .i32, count: 2)
        t.listBegin(2, elementType: .i32, count: 20)
        XCTAssertEqual(out.toArray(), [0x19, 0x25, 0x19, 0xF5, 0x14])
    }
}
