import XCTest
@testable import SluiceDestinations

final class S3AddressingTests: XCTestCase {
    let credentials = S3Credentials(accessKeyID: "a", secretAccessKey: "b")

    func addressing(bucket: String = "lake", endpoint: String?, pathStyle: Bool? = nil, region: String = "eu-west-1") throws -> S3Addressing {
        let parsed = try endpoint.map { try S3Configuration.Endpoint(parsing: $0) }
        return S3Addressing(configuration: S3Configuration(bucket: bucket, region: region, endpoint: parsed,
                                                           pathStyle: pathStyle, credentials: credentials))
    }

    func testLoopbackIPAndLocalhostEndpointsUsePathStyle() throws {
        let ip = try addressing(endpoint: "http://127.0.0.1:5000")
        XCTAssertTrue(ip.usesPathStyle)
        XCTAssertEqual(ip.url(key: "base/a b.csv", query: []), "http://127.0.0.1:5000/lake/base/a%20b.csv")
        XCTAssertEqual(ip.hostHeader, "127.0.0.1:5000")
        let localhost = try addressing(endpoint: "http://localhost:9000/")
        XCTAssertEqual(localhost.url(key: nil, query: [("list-type", "2")]), "http://localhost:9000/lake?list-type=2")
        let v6 = try addressing(endpoint: "http://[::1]:9000")
        XCTAssertEqual(v6.url(key: "k", query: []), "http://[::1]:9000/lake/k")
    }

    func testAWSUsesVirtualHostedStyleWithRegionalEndpoint() throws {
        let aws = try addressing(endpoint: nil)
        XCTAssertFalse(aws.usesPathStyle)
        XCTAssertEqual(aws.url(key: "exports/x.parquet", query: [("uploads", "")]),
                       "https://lake.s3.eu-west-1.amazonaws.com/exports/x.parquet?uploads")
        XCTAssertEqual(aws.hostHeader, "lake.s3.eu-west-1.amazonaws.com")
        XCTAssertEqual(aws.path(key: nil), "/")
        let custom = try addressing(endpoint: "https://storage.example.com")
        XCTAssertEqual(custom.url(key: "k", query: []), "https://lake.storage.example.com/k")
    }

    func testExplicitSettingAndDottedBucketsOverrideTheAutomaticChoice() throws {
        XCTAssertFalse(try addressing(endpoint: "http://127.0.0.1:5000", pathStyle: false).usesPathStyle)
        XCTAssertTrue(try addressing(endpoint: nil, pathStyle: true).usesPathStyle)
        let dotted = try addressing(bucket: "my.lake", endpoint: nil)
        XCTAssertEqual(dotted.url(key: "k", query: []), "https://s3.eu-west-1.amazonaws.com/my.lake/k")
    }

    func testQueryIsEncodedAndSortedAndFlagsStayBare() {
        XCTAssertEqual(S3URIEncoding.canonicalQuery([("prefix", "a b/c"), ("list-type", "2"), ("uploads", "")]),
                       "list-type=2&prefix=a%20b%2Fc&uploads=")
        XCTAssertEqual(S3URIEncoding.requestQuery([("uploads", ""), ("prefix", "x~y")]), "prefix=x~y&uploads")
    }
}
