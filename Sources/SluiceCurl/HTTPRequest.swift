import Foundation

/// One HTTP request as handed to libcurl: the headers are exactly those that were signed.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data

    public init(method: String, url: String, headers: [(String, String)], body: Data) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
