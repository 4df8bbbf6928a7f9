import Foundation

/// Times a block several times and reports the median, the way every figure in the README is taken.
enum Stopwatch {
    /// Median seconds per call of `body`, over `runs` runs of `iterations` calls each.
    static func median(runs: Int = 7, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { try body() }
            let end = DispatchTime.now().uptimeNanoseconds
            samples.append(Double(end - start) / 1e9 / Double(iterations))
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}
