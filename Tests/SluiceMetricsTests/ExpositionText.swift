/// Samples read back from Prometheus text, for assertions: `value(of:labels:)` finds the sample with
/// exactly these labels.
struct ExpositionText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let samples: [Sample]

    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line -> Sample? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            let head = line[..<space]
            guard let open = head.firstIndex(of: "{") else { return Sample(name: String(head), labels: [:], value: value) }
            var labels: [String: String] = [:]
            let body = head[head.index(after: open)..<(head.lastIndex(of: "}") ?? head.endIndex)]
            for pair in body.split(separator: "\",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = String(parts[1].drop(while: { $0 == "\"" }).filter { $0 != "\"" })
            }
            return Sample(name: String(head[..<open]), labels: labels, value: value)
        }
    }

    func value(of name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }
}
