import Foundation

/// A moto_server child process on a free loopback port with one bucket (created with boto3).
public final class MotoServer {
    public let port: Int
    public let process: Process
    public let bucket: String

    public var endpointURL: String { "http://127.0.0.1:\(port)" }

    public init(bucket: String = "sluice-export-test") throws {
        port = try TestProcess.freePort()
        process = try TestProcess.start(["moto_server", "-H", "127.0.0.1", "-p", String(port)])
        self.bucket = bucket
        do {
            try TestProcess.waitUntilListening(port: port, process: process)
            _ = try TestProcess.python(MotoServer.boto + "s3.create_bucket(Bucket=sys.argv[2])", [endpointURL, bucket])
        } catch {
            TestProcess.stop(process)
            throw error
        }
    }

    public func stop() { TestProcess.stop(process) }

    /// A boto3 client on `sys.argv[1]`.
    public static let boto = """
        import sys, boto3
        s3 = boto3.client('s3', endpoint_url=sys.argv[1], aws_access_key_id='testing', aws_secret_access_key='testing-secret', region_name='us-east-1')

        """

    /// The environment of a destination `lake` on this bucket, reached through `port` (a proxy, or moto itself).
    public func environment(prefix: String, port: Int? = nil) -> [String: String] {
        [
            "SLUICE_DEST_LAKE": "s3://\(bucket)/\(prefix)",
            "SLUICE_DEST_LAKE_ENDPOINT_URL": "http://127.0.0.1:\(port ?? self.port)",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing-secret",
            "AWS_REGION": "us-east-1",
        ]
    }

    /// Downloads every object under `prefix` into `folder` (keys kept as paths); returns the keys.
    public func download(prefix: String, to folder: URL) throws -> [String] {
        let out = try TestProcess.python(MotoServer.boto + """
            import os, json
            keys = []
            for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2], Prefix=sys.argv[3]):
                for o in page.get('Contents', []):
                    k = o['Key']; keys.append(k)
                    path = os.path.join(sys.argv[4], k)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    s3.download_file(sys.argv[2], k, path)
            print(json.dumps(sorted(keys)))
            """, [endpointURL, bucket, prefix, folder.path])
        return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String]) ?? []
    }

    /// Multipart uploads left open in the bucket.
    public func openUploads() throws -> Int {
        Int(try TestProcess.python(MotoServer.boto + "print(len(s3.list_multipart_uploads(Bucket=sys.argv[2]).get('Uploads', [])))", [endpointURL, bucket])) ?? -1
    }
}
