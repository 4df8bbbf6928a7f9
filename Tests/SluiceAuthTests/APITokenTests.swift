import SluiceAuth
import XCTest

final class APITokenTests: XCTestCase {
    func testTokensArePrefixedBase64URLOf32RandomBytes() {
        let tokens = (0..<200).map { _ in APIToken.generate() }
        XCTAssertEqual(Set(tokens).count, tokens.count)
        for token in tokens {
            XCTAssertTrue(token.hasPrefix("sluice_"), token)
            XCTAssertEqual(token.count, 50, token)
            XCTAssertTrue(APIToken.hasTokenShape(token), token)
            let body = token.dropFirst(7).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            XCTAssertEqual(Data(base64Encoded: body)?.count, 32, token)
        }
    }

    func testTokenShapeRefusesOtherText() {
        let token = APIToken.generate()
        for bad in ["", "sluice_", String(token.dropLast()), token + "A", "xluice_" + token.dropFirst(7), String(token.dropLast()) + "="] {
            XCTAssertFalse(APIToken.hasTokenShape(bad), bad)
        }
    }

    func testDigestIsLowercaseHexSHA256() {
        XCTAssertEqual(APIToken.digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testBearerTokenIsTakenFromTheAuthorizationHeader() {
        XCTAssertEqual(APIToken.bearer(fromAuthorization: "Bearer sluice_abc"), "sluice_abc")
        XCTAssertEqual(APIToken.bearer(fromAuthorization: "bearer   sluice_abc "), "sluice_abc")
        for bad in ["", "Bearer", "Bearer ", "Basic amFuZTpwdw==", "Bearersluice_abc", "Token sluice_abc"] {
            XCTAssertNil(APIToken.bearer(fromAuthorization: bad), bad)
        }
    }
}
