import CCurl
import Foundation

/// Idle libcurl connections of one S3 destination, handed out one request at a time.
///
/// Taking a connection gives the caller exclusive use of it; giving it back makes it available for
/// keep-alive reuse (at most `maxIdle` are kept). A connection that failed below HTTP is dropped instead.
final class CurlConnectionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlConnection] = []
    private let maxIdle: Int

    init(maxIdle: Int) {
        // Reference-counted and thread-safe in libcurl >= 7.84; paired with cleanup in deinit.
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        self.maxIdle = maxIdle
    }

    deinit {
        idle.removeAll()
        curl_global_cleanup()
    }

    func take() -> CurlConnection? {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        return reused ?? CurlConnection()
    }

    func giveBack(_ connection: CurlConnection) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maxIdle { idle.append(connection) }
    }
}
