import Foundation

/// One HTTP response; header names are lowercased, the last value of a repeated header wins.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
}
