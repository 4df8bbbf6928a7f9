import Foundation
import SluiceTestSupport
import XCTest
@testable import SluiceDestinations

final class SigV4SignerTests: XCTestCase {
    let credentials = S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    let may24 = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    /// The GET Object example of AWS's "Signature Calculations for the Authorization Header" page.
    func testSignatureMatchesAWSPublishedGetObjectExample() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
        let headers = [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                       ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash), ("x-amz-date", "20130524T000000Z")]
        let authorization = signer.authorization(method: "GET", path: "/test.txt", query: [], headers: headers,
                                                 payloadHash: SigV4Signer.emptyPayloadHash, date: may24)
        XCTAssertEqual(authorization, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    func testAmzDateIsUTC() {
        XCTAssertEqual(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_369_353_600 + 3661)), "20130524T010101Z")
    }

    /// Our client's signed UploadPart (encoded key, query, body hash, session token) checked by botocore.
    func testSignedPartUploadMatchesBotocore() throws {
        var configuration = S3Configuration(bucket: "my-bucket", prefix: "", region: "eu-west-1",
                                            endpoint: .init(scheme: "http", host: "127.0.0.1", port: 9000),
                                            credentials: credentials)
        configuration.credentials.sessionToken = "session/token+=="
        let client = S3Client(configuration: configuration)
        let body = Data("part bytes ✓".utf8)
        var request = S3Request(operation: "UploadPart", method: "PUT", key: "dir/a file+ü.bin",
                                query: [("uploadId", "abc/def=="), ("partNumber", "3")], body: body)
        request.headers = [("content-type", "application/octet-stream")]
        let signed = client.signedRequest(request, payloadHash: SigV4Signer.sha256Hex(body), date: may24)
        XCTAssertEqual(signed.url, "http://127.0.0.1:9000/my-bucket/dir/a%20file%2B%C3%BC.bin?partNumber=3&uploadId=abc%2Fdef%3D%3D")
        let ours = try XCTUnwrap(signed.headers.first { $0.0 == "authorization" }?.1)

        var headers: [String: String] = [:]
        for (name, value) in signed.headers where name != "authorization" && name != "host" && name != "x-amz-date" {
            headers[name] = value
        }
        let spec: [String: Any] = [
            "access": credentials.accessKeyID, "secret": credentials.secretAccessKey, "token": "session/token+==",
            "method": "PUT", "url": signed.url, "body": String(decoding: body, as: UTF8.self), "headers": headers,
            "date": "20130524T000000Z", "region": "eu-west-1",
        ]
        let botocore = try TestProcess.python(SigV4SignerTests.botocoreScript,
                                              input: JSONSerialization.data(withJSONObject: spec))
        // botocore separates the three parts with ", ".
        XCTAssertEqual(ours, botocore.replacingOccurrences(of: ", ", with: ","))
        XCTAssertTrue(ours.contains("x-amz-security-token"))
    }

    static let botocoreScript = #"""
import sys, json, datetime
from unittest import mock
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
spec = json.load(sys.stdin)
creds = Credentials(spec["access"], spec["secret"], spec.get("token"))
request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode(), headers=spec["headers"])
fixed = datetime.datetime.strptime(spec["date"], "%Y%m%dT%H%M%SZ")
with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
    S3SigV4Auth(creds, "s3", spec["region"]).add_auth(request)
print(request.headers["Authorization"])
"""#
}
