import CCurl
import Foundation
import Synchronization

/// Idle libcurl connections of one client (an S3 destination, the notification sender), handed out one request at a time.
///
/// Taking a connection gives the caller exclusive use of it; giving it back makes it available for
/// keep-alive reuse (at most `maxIdle` are kept). A connection that failed below HTTP is dropped instead.
public final class CurlConnectionPool: Sendable {
    private let idle = Mutex<[CurlConnection]>([])
    private let maxIdle: Int

    public init(maxIdle: Int) {
        // Reference-counted and thread-safe in libcurl >= 7.84; paired with cleanup in deinit.
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        self.maxIdle = maxIdle
    }

    deinit {
        idle.withLock { $0.removeAll() }
        curl_global_cleanup()
    }

    public func take() -> CurlConnection? {
        idle.withLock { $0.popLast() } ?? CurlConnection()
    }

    public func giveBack(_ connection: CurlConnection) {
        idle.withLock { idle in
            if idle.count < maxIdle { idle.append(connection) }
        }
    }
}
