import XCTest
@testable import SluiceDestinations

final class DestinationRegistryTests: XCTestCase {
    func testUnknownDestinationErrorNamesTheVariableToSet() {
        let registry = DestinationRegistry(environment: [:])
        XCTAssertThrowsError(try registry.destination(named: "raw-lake")) { error in
            XCTAssertEqual(error as? DestinationError, .unknownDestination(id: "raw-lake", variable: "SLUICE_DEST_RAW_LAKE"))
            XCTAssertTrue("\(error)".contains("set SLUICE_DEST_RAW_LAKE"))
        }
    }

    func testIdsAreCaseInsensitiveAndDestinationsAreShared() throws {
        let registry = DestinationRegistry(environment: ["SLUICE_DEST_EXPORTS": "file:///tmp/sluice%20exports/"])
        let lower = try registry.destination(named: "exports")
        let upper = try registry.destination(named: "EXPORTS")
        XCTAssertEqual((lower as? LocalDestination)?.root, "/tmp/sluice exports")
        XCTAssertEqual(lower.describe(key: "a/b.csv"), "file:///tmp/sluice exports/a/b.csv")
        XCTAssertEqual(upper.describe(key: "x"), lower.describe(key: "x"))
        XCTAssertEqual(registry.configuredIDs, ["exports"])
    }

    func testS3SettingsComeFromDestinationVariablesThenAWSOnes() throws {
        let registry = DestinationRegistry(environment: [
            "SLUICE_DEST_LAKE": "s3://bucket/base/prefix/",
            "SLUICE_DEST_LAKE_REGION": "eu-central-1",
            "AWS_REGION": "us-west-2",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
            "AWS_ACCESS_KEY_ID": "AKID",
            "AWS_SECRET_ACCESS_KEY": "very-secret",
            "AWS_SESSION_TOKEN": "token-value",
        ])
        let destination = try XCTUnwrap(try registry.destination(named: "lake") as? S3Destination)
        XCTAssertEqual(destination.configuration.region, "eu-central-1")
        XCTAssertEqual(destination.configuration.prefix, "base/prefix")
        XCTAssertEqual(destination.configuration.credentials.sessionToken, "token-value")
        XCTAssertTrue(destination.usesPathStyle)
        XCTAssertEqual(destination.requestURL(key: "k.csv"), "http://127.0.0.1:9000/bucket/base/prefix/k.csv")
        XCTAssertEqual(destination.describe(key: "k.csv"), "s3://bucket/base/prefix/k.csv")
        XCTAssertEqual(Set(registry.secretValues), ["very-secret", "token-value"])
        XCTAssertFalse("\(destination.configuration.credentials)".contains("very-secret"))
    }

    func testPathStyleSettingAndEndpointPrecedence() throws {
        let registry = DestinationRegistry(environment: [
            "SLUICE_DEST_LAKE": "s3://bucket",
            "SLUICE_DEST_LAKE_ENDPOINT_URL": "https://minio.internal:9000",
            "SLUICE_DEST_LAKE_PATH_STYLE": "true",
            "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:1",
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s",
        ])
        let destination = try XCTUnwrap(try registry.destination(named: "lake") as? S3Destination)
        XCTAssertEqual(destination.requestURL(key: "k"), "https://minio.internal:9000/bucket/k")

        let bad = DestinationRegistry(environment: [
            "SLUICE_DEST_LAKE": "s3://bucket", "SLUICE_DEST_LAKE_PATH_STYLE": "maybe",
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s",
        ])
        XCTAssertThrowsError(try bad.destination(named: "lake")) { error in
            XCTAssertEqual(error as? DestinationError,
                           .invalidSetting(variable: "SLUICE_DEST_LAKE_PATH_STYLE", reason: "'maybe' is not true or false"))
        }
    }

    func testMissingCredentialsNameTheVariables() {
        let registry = DestinationRegistry(environment: ["SLUICE_DEST_LAKE": "s3://bucket/x"])
        XCTAssertThrowsError(try registry.destination(named: "lake")) { error in
            XCTAssertEqual(error as? DestinationError,
                           .missingCredentials(id: "lake", variables: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]))
        }
    }

    func testDestinationURLParsing() throws {
        XCTAssertEqual(try DestinationURL(parsing: "s3://b/x//y/"), .s3(bucket: "b", prefix: "x/y"))
        XCTAssertEqual(try DestinationURL(parsing: "s3://b"), .s3(bucket: "b", prefix: ""))
        XCTAssertEqual(try DestinationURL(parsing: "file:///data/out/"), .file(path: "/data/out"))
        for bad in ["file://relative/path", "s3://", "gs://bucket/x", "/plain/path", "file:///a/../b"] {
            XCTAssertThrowsError(try DestinationURL(parsing: bad, variable: "SLUICE_DEST_X"), bad) { error in
                guard case .invalidURL(let variable, let value, _) = error as? DestinationError else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertEqual(variable, "SLUICE_DEST_X")
                XCTAssertEqual(value, bad)
            }
        }
    }
}
