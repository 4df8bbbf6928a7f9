@testable import SluiceFormats
import XCTest

/// Float output must be PostgreSQL's shortest round-trip text; these cases broke earlier versions.
final class FloatTextTests: XCTestCase {
    private func text(_ v: Double, float4: Bool = false) -> String {
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = bytes.withUnsafeMutableBufferPointer { buf -> Int in
            let base = buf.baseAddress!
            return TextFormat.writeFloat(v, isFloat4: float4, base) - base
        }
        return String(decoding: bytes[0..<n], as: UTF8.self)
    }

    func testADecimalCloseToButNotAtAMidpointIsTheShortestText() {
        // Float80 rounding once mistook this 16-digit text for a midpoint and printed 17 digits.
        XCTAssertEqual(text(-4.8647851305976044e+28), "-4.864785130597604e+28")
    }

    func testAShorterTextExactlyHalfwayToANeighbourIsNotUsed() {
        // What PostgreSQL 15 prints for these (checked with psql): the 16-digit texts are midpoints.
        XCTAssertEqual(text(63353883717882336), "6.3353883717882336e+16")
        XCTAssertEqual(text(154153429351583616), "1.5415342935158362e+17")
    }

    func testTheExactMidpointCheckFindsRealMidpoints() {
        // 2^53 + 1 lies exactly halfway between 2^53 and 2^53 + 2.
        let v = 9007199254740992.0
        let d = try! XCTUnwrap(TextFormat.DecimalText("9007199254740993"))
        XCTAssertTrue(TextFormat.exactlyEquals(d, midpointOf: v, and: v.nextUp))
        let near = try! XCTUnwrap(TextFormat.DecimalText("9007199254740994"))
        XCTAssertFalse(TextFormat.exactlyEquals(near, midpointOf: v, and: v.nextUp))
    }

    func testRandomDoublesPrintAsShortestRoundTrip() {
        var state: UInt64 = 0x5EED  // SplitMix64: the same doubles every run
        for _ in 0..<20_000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let v = Double(bitPattern: z & 0x7FEF_FFFF_FFFF_FFFF)
            guard v.isFinite, v != 0 else { continue }
            let t = text(v)
            XCTAssertEqual(Double(t), v, "\(t) does not round-trip")
            // No shorter correctly rounded text round-trips, unless it is exactly halfway to a
            // neighbour (PostgreSQL's Ryu never prints those: 6.3353883717882336e+16, not ...234e+16).
            let digits = t.split(separator: "e")[0].filter(\.isNumber).drop(while: { $0 == "0" }).count
            if digits > 1 {
                let shorter = String(format: "%.\(digits - 2)e", v)
                if Double(shorter) == v, let d = TextFormat.DecimalText(shorter) {
                    let halfway = TextFormat.exactlyEquals(d, midpointOf: v, and: v.nextUp) || TextFormat.exactlyEquals(d, midpointOf: v, and: v.nextDown)
                    XCTAssertTrue(halfway, "\(t) is longer than \(shorter)")
                }
            }
        }
    }
}
