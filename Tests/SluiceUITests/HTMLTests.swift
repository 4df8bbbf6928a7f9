import SluiceCore
@testable import SluiceUI
import XCTest

final class HTMLTests: XCTestCase {
    func testTextAndAttributeValuesAreEscapedSoUserContentStaysText() {
        let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(2)> 'javascript:alert(3)'"#
        let html = el("td", ["title": hostile, "data-dag-id": hostile], .text(hostile)).render()
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("\"><"))
        XCTAssertTrue(html.hasPrefix(#"<td title="&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(2)&gt; &#39;javascript:alert(3)&#39;""#), html)
        XCTAssertTrue(html.hasSuffix(">&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(2)&gt; &#39;javascript:alert(3)&#39;</td>"), html)
    }

    func testAPathFromAValueIsAlwaysAPathOnThisServer() {
        XCTAssertEqual(UIPath("dags", "javascript:alert(1)").text, "/dags/javascript%3Aalert%281%29")
        XCTAssertEqual(UIPath("dags", "../x y").text, "/dags/..%2Fx%20y")
        XCTAssertEqual(UIRoutes.safeNext("//evil.example/x"), "/")
        XCTAssertEqual(UIRoutes.safeNext("https://evil.example"), "/")
        XCTAssertEqual(UIRoutes.safeNext("/dags/a?run=1"), "/dags/a?run=1")
    }

    func testVoidElementsHaveNoEndTag() {
        XCTAssertEqual(void("input", ["name": "q", "value": "a&b"]).render(), #"<input name="q" value="a&amp;b">"#)
    }
}
