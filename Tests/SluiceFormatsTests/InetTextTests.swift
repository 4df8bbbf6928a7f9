import XCTest
@testable import SluiceFormats

/// inet and cidr are decoded from their binary form and printed the way PostgreSQL's own output
/// functions print them (not the way `inet::text` does, which always adds the mask).
final class InetTextTests: XCTestCase {
    static let addresses = [
        "::1", "::", "::2", "::1.2.3.4", "::ffff:1.2.3.4", "::ffff:0:1.2.3.4", "1::", "1::1", "1:0:0:1:0:0:0:1",
        "1:0:1:0:0:1:0:0", "2001:db8::ff00:42:8329", "2001:db8:0:0:1:0:0:1", "fe80::1/64", "fe80::/10",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:0:0:1/127", "1:2:3:4:5:6:7:8", "::0.0.0.0/96",
        "127.0.0.1", "127.0.0.1/32", "10.1.2.3/8", "0.0.0.0/0", "255.255.255.255", "192.168.0.0/16",
    ]

    static let cidrs = ["10.0.0.0/8", "10.1.0.0/16", "192.168.1.1/32", "0.0.0.0/0", "::/0", "::1/128", "2001:db8::/32", "fe80::/64"]

    func testInetAndCidrPrintAsPostgresOutputsThemInCSVAndJSON() throws {
        let pg = try Fixtures.postgres()
        let inets = Self.addresses.map { "('\($0)'::inet)" }.joined(separator: ", ")
        let query = """
            SELECT a AS i, set_masklen(a, masklen(a))::cidr AS c, ARRAY[a, NULL, '::1'] AS ai,
                   ARRAY[[a::cidr], ['10.0.0.0/8'::cidr]] AS ac
            FROM (VALUES \(inets)) v(a)
            UNION ALL SELECT NULL, NULL, NULL, NULL
            UNION ALL SELECT NULL, c::cidr, NULL, NULL FROM unnest(ARRAY[\(Self.cidrs.map { "'\($0)'" }.joined(separator: ", "))]) c
            """
        let schema = try pg.schema(query).columns
        XCTAssertEqual(schema.map(\.sourceTypeName), ["inet", "cidr", "inet[]", "cidr[]"])
        let batches = try Decode.batches(try pg.copyBinary(query), schema: schema)
        let csv = try Decode.csv(batches, schema: schema)
        let expected = try pg.copyCSV(query)
        XCTAssertTrue(csv == expected, firstDifference(csv, expected))
        XCTAssertTrue(String(decoding: csv, as: UTF8.self).contains("\n::1,::1/128,"))

        let json = String(decoding: try Decode.jsonLines(batches, schema: schema), as: UTF8.self)
        let reference = String(decoding: try pg.psql(["SELECT row_to_json(r)::text FROM (\(query)) r"], tuplesOnly: true), as: UTF8.self)
        XCTAssertEqual(json.split(separator: "\n"), reference.split(separator: "\n").filter { !$0.isEmpty })
    }
}
