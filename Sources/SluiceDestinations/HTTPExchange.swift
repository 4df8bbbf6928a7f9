import Foundation

/// One HTTP request as handed to libcurl: the headers are exactly those that were signed.
struct HTTPRequest: Sendable {
    var method: String
    var url: String
    var headers: [(String, String)]
    var body: Data
}

/// One HTTP response; header names are lowercased, the last value of a repeated header wins.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
}

/// A libcurl failure below HTTP (could not connect, connection dropped, timed out).
struct CurlFailure: Error, Sendable {
    var code: Int
    var message: String
    /// Worth another try: everything except mistakes in how the request was built.
    var isRetryable: Bool
}
