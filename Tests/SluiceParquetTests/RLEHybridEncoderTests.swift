@testable import SluiceParquet
import XCTest

/// The RLE / bit-packing hybrid against hand-computed bytes from Encodings.md.
final class RLEHybridEncoderTests: XCTestCase {
    func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        let out = ByteBuffer()
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: out) }
        return out.toArray()
    }

    func testSpecExampleZeroToSevenIsOneBitPackedGroup() {
        // Encodings.md: 0..7 with bit width 3 pack to 10001000 11000110 11111010.
        XCTAssertEqual(encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3), [0x03, 0x88, 0xC6, 0xFA])
    }

    func testLongRunBecomesOneRLERun() {
        // 100 ones: header varint(100 << 1) = 200 = 0xC8 0x01, then the value in one byte.
        XCTAssertEqual(encode(Array(repeating: 1, count: 100), bitWidth: 1), [0xC8, 0x01, 0x01])
    }

    func testRunValueUsesRoundedUpByteWidth() {
        XCTAssertEqual(encode(Array(repeating: 0x1234, count: 8), bitWidth: 13), [0x10, 0x34, 0x12])
    }

    func testShortTailIsPaddedToAGroupOfEight() {
        // 1, 0, 1 with bit width 1: one group, bits 101 -> 0x05.
        XCTAssertEqual(encode([1, 0, 1], bitWidth: 1), [0x03, 0x05])
    }

    func testRunAfterUnalignedValuesCompletesTheGroupFirst() {
        // 3 distinct values then 13 twos (bit width 2): the first 5 twos complete a bit-packed
        // group of 8, the remaining 8 twos form an RLE run.
        let values: [UInt32] = [0, 1, 3] + Array(repeating: 2, count: 13)
        // Group: 0,1,3,2,2,2,2,2 -> bits (LSB first) 00 01 11 10 | 10 10 10 10 -> 0xB4, 0xAA.
        XCTAssertEqual(encode(values, bitWidth: 2), [0x03, 0xB4, 0xAA, 0x10, 0x02])
    }

    func testBitWidthCoversTheLargestValue() {
        XCTAssertEqual(RLEHybridEncoder.bitWidth(forMax: 0), 1)
        XCTAssertEqual(RLEHybridEncoder.bitWidth(forMax: 1), 1)
        XCTAssertEqual(RLEHybridEncoder.bitWidth(forMax: 2), 2)
        XCTAssertEqual(RLEHybridEncoder.bitWidth(forMax: 255), 8)
        XCTAssertEqual(RLEHybridEncoder.bitWidth(forMax: 256), 9)
    }
}
