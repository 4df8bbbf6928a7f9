import Dispatch

extension DispatchQueue {
    /// Runs blocking work on this queue and resumes the awaiting task with its result, so blocking calls
    /// (file system, libcurl) never occupy a thread of Swift's cooperative pool.
    func run<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            self.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
