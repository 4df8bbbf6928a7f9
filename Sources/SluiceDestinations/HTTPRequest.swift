import Foundation

/// One HTTP request as handed to libcurl: the headers are exactly those that were signed.
struct HTTPRequest: Sendable {
    var method: String
    var url: String
    var headers: [(String, String)]
    var body: Data
}
