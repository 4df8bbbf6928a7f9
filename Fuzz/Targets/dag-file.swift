// libFuzzer target: one DAG file's bytes through the DAG-file loader (SluiceDefinitions): YAML,
// keys, values, schedule, dates, tasks, templates and includes (resolved in a fixed project folder).
import Foundation
@testable import SluiceDefinitions

private let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sluice-fuzz-project")
private let file = root.appendingPathComponent("dags/fuzz.yaml")
private let setUp: Void = {
    let include = root.appendingPathComponent("include")
    try? FileManager.default.createDirectory(at: include, withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
    try? Data("SELECT * FROM {{ params.table }} WHERE day = '{{ ds }}'\n".utf8)
        .write(to: include.appendingPathComponent("q.sql"))
    try? Data("tables:\n  - name: a\n  - name: b\n".utf8).write(to: include.appendingPathComponent("t.yaml"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = setUp
    // The loader rejects non-UTF-8 files before parsing: only valid text is worth the time.
    guard let text = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else { return 0 }
    var parser = DagFileParser(fileURL: file, displayPath: "dags/fuzz.yaml", projectRoot: root, text: text)
    _ = parser.parse()
    return 0
}
