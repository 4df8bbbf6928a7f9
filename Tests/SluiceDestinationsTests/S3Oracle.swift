import Foundation
import SluiceTestSupport

/// boto3 in a subprocess: an independent reader of what our client wrote.
enum S3Oracle {
    static let script = #"""
import sys, json, hashlib, boto3
endpoint, command, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="testing", aws_secret_access_key="testing-secret-key")
if command == "object":
    response = s3.get_object(Bucket=bucket, Key=sys.argv[4])
    body = response["Body"].read()
    print(json.dumps({"sha256": hashlib.sha256(body).hexdigest(), "size": len(body), "etag": response["ETag"]}))
elif command == "uploads":
    response = s3.list_multipart_uploads(Bucket=bucket)
    print(json.dumps([u["Key"] for u in response.get("Uploads", [])]))
elif command == "keys":
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys += [o["Key"] for o in page.get("Contents", [])]
    print(json.dumps(keys))
"""#

    static func run(_ endpoint: String, _ arguments: [String]) throws -> Any {
        let output = try TestProcess.python(script, arguments: [endpoint] + arguments)
        return try JSONSerialization.jsonObject(with: Data(output.utf8))
    }

    /// SHA-256, size and ETag of an object as boto3 reads it.
    static func object(endpoint: String, bucket: String, key: String) throws -> (sha256: String, size: Int, etag: String) {
        guard let info = try run(endpoint, ["object", bucket, key]) as? [String: Any],
              let sha = info["sha256"] as? String, let size = info["size"] as? Int, let etag = info["etag"] as? String else {
            throw TestProcess.Failure(description: "unexpected boto3 output")
        }
        return (sha, size, etag)
    }

    /// Keys of the incomplete multipart uploads in the bucket.
    static func uploads(endpoint: String, bucket: String) throws -> [String] {
        try run(endpoint, ["uploads", bucket]) as? [String] ?? []
    }

    /// Every key in the bucket.
    static func keys(endpoint: String, bucket: String) throws -> [String] {
        try run(endpoint, ["keys", bucket]) as? [String] ?? []
    }
}
