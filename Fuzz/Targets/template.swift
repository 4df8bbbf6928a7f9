// libFuzzer target: the template lexer, parser and renderer (SluiceTemplates), rendered against a
// small Airflow context with two includable templates.
import Foundation
import SluiceTemplates

private let context: TemplateContext = {
    let start = Date(timeIntervalSince1970: 1_610_668_800)
    let run = AirflowRunInfo(
        dagId: "export_daily", taskId: "export_table",
        params: ["table": .string("public.events"), "days": .int(3), "cols": .list([.string("a"), .string("b")])],
        logicalDate: start, dataIntervalStart: start, dataIntervalEnd: start.addingTimeInterval(86_400),
        runAfter: start.addingTimeInterval(86_400), runId: "scheduled__2021-01-15T00:00:00+00:00",
        conf: ["limit": .int(10)], dagTimeZone: TimeZone(identifier: "Europe/Berlin") ?? .current,
        variables: ["bucket": "lake"])
    let loader = InMemoryTemplateLoader([
        "part.sql": "WHERE ts >= '{{ data_interval_start }}' AND ts < '{{ data_interval_end }}'",
        "loop.sql": "{% include 'loop.sql' %}",
    ])
    return TemplateContext(variables: AirflowContext.variables(for: run), loader: loader)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let template = try? Template(source: text, name: "fuzz.sql") else { return 0 }
    _ = try? template.render(context)
    return 0
}
