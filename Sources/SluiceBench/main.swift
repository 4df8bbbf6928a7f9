import Foundation

// `sluice-bench [BENCH_FOLDER] [REFERENCE_JSON]`: runs the micro-benchmarks of a release build
// and prints a Markdown table with the goal and the reference measured in the same run.
let arguments = CommandLine.arguments
let benchFolder = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "bench")
var reference: [String: Double] = [:]
if arguments.count > 2, let data = arguments[2].data(using: .utf8),
   let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
    for (k, v) in object { if let d = v as? Double { reference[k] = d } }
}
do {
    let rows = try FoundationBenchmarks.run(benchFolder: benchFolder, reference: reference)
    print("| benchmark | Sluice (median) | goal | reference, same run |")
    print("| --- | --- | --- | --- |")
    for row in rows {
        print(String(format: "| %@ | %.2f %@ | %@ | %@ |", row.name, row.value, row.unit, row.goal, row.reference))
    }
} catch {
    FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
    exit(1)
}
