import Foundation
import Hummingbird
import SluiceAPI
import SluiceCore
import SluiceExecution
import SluiceExport
import SluiceStore

/// `/dags/{dag_id}/runs/{run_id}/tasks/{task_id}`: a task instance's state, its tries with times and
/// durations, the SQL it renders for its run (secrets masked), for an export the published partition (files,
/// rows, bytes, checksums, audits), and each try's log as plain text: the last 256 KiB, growing while the
/// try runs, downloadable whole.
struct TaskPage {
    let environment: APIEnvironment

    /// How much of a log the page shows (from the end); the download has it all.
    static let logTail = 256 * 1024

    func response(_ request: Request, context: APIRequestContext) async throws -> Response {
        let dagId = context.path("dag_id"), runId = context.path("run_id"), taskId = context.path("task_id")
        guard let dag = await environment.catalog.current().dags[dagId], let task = dag.task(taskId),
              let run = try await environment.store.run(dagId: dagId, runId: runId) else {
            return UIResponse.page(UILayout.page(title: "Not found", context: context, el("h1", .text("No task \(taskId) in run \(runId) of \(dagId)"))), status: .notFound)
        }
        let ti = try await environment.store.taskInstances(dagId: dagId, runId: runId).first { $0.taskId == taskId }
        // What the tries rendered with (prev_*_success), for the SQL and the partition shown.
        let previous = try await environment.store.previousSuccess(dagId: dagId, before: run.logicalDate)
        let operate = UILayout.canOperate(context)
        let state = ti?.state.rawValue ?? "none"

        var tries: [Node] = []
        var logs: [Node] = []
        let count = ti?.tryNumber ?? 0
        for number in stride(from: count, through: 1, by: -1) {
            let url = logURL(dagId: dagId, runId: runId, taskId: taskId, tryNumber: number)
            let (text, size, start) = Self.tail(of: url)
            let times = Self.firstAndLastStamp(text)
            let isLatest = number == count
            let started = isLatest ? ti?.startedAt ?? times.first : times.first
            let ended = isLatest ? ti?.endedAt : times.last
            tries.append(el("tr", ["data-try": String(number)],
                el("td", .text(String(number))),
                el("td", .text(isLatest ? state : "earlier try")),
                el("td", UILayout.time(started)), el("td", UILayout.time(ended)),
                el("td", .text(UILayout.duration(from: started, to: ended)))))
            let download = UIPath("dags", dagId, "runs", runId, "tasks", taskId, "logs", String(number)).text
            let follow = isLatest && (ti?.state == .running || ti?.state == .queued || ti?.state == .scheduled)
            let apiURL = UIPath("api", "v2", "dags", dagId, "dagRuns", runId, "taskInstances", taskId, "logs", String(number)).text + "?full_content=false"
            logs.append(el("section", ["class": "log", "data-log-try": String(number)],
                el("h3", .text("Log of try \(number) "), el("a", ["href": download, "download": "\(taskId)-try\(number).log"], .text("download"))),
                start > 0 ? el("p", ["class": "muted"], .text("showing the last \(Self.logTail / 1024) KiB of \(size / 1024) KiB "),
                               el("button", ["type": "button", "data-log-earlier": String(number), "data-url": download], .text("show earlier"))) : .empty,
                el("pre", attributes: [("class", "log"), ("data-log", String(number)), ("data-url", apiURL), ("data-start", String(start)),
                                       ("data-token", Data(String(size).utf8).base64EncodedString()), ("data-follow", follow ? "true" : nil)],
                   children: [.text(text)])))
        }

        let actions: Node = operate ? el("div", ["class": "actions"],
            el("button", ["data-action": "clear", "data-dag-id": dagId, "data-run-id": runId, "data-task-id": taskId, "data-downstream": "false"], .text("Clear task")),
            el("button", ["data-action": "clear", "data-dag-id": dagId, "data-run-id": runId, "data-task-id": taskId, "data-downstream": "true"], .text("Clear with downstream")),
            el("button", ["data-action": "mark-success", "data-dag-id": dagId, "data-run-id": runId, "data-task-id": taskId], .text("Mark success")),
            el("button", ["class": "danger", "data-action": "mark-failed", "data-dag-id": dagId, "data-run-id": runId, "data-task-id": taskId], .text("Mark failed"))) : .empty

        return UIResponse.page(UILayout.page(title: "\(taskId) · \(runId)", context: context, dagZone: dag.timeZone.identifier, live: true,
            el("p", el("a", ["href": UIPath("dags", dagId).query([("run", runId)]).text], .text("← \(dagId)"))),
            el("h1", .text(taskId)),
            el("p", ["data-ti-state": state, "data-fast": ""],
               .text("run \(runId) ("), el("span", ["data-state": run.state.rawValue, "data-run-state": run.state.rawValue], .text(run.state.rawValue)),
               .text(") · \(task.type.rawValue) · state "), el("strong", .text(state)), .text(" · try \(count) of \(max(count, (ti?.maxTries ?? 0) + 1))"),
               ti?.error.map { .group([void("br"), el("span", ["class": "error"], .text(environment.mask($0)))]) } ?? .empty),
            actions,
            el("h2", .text("Tries")),
            el("table", ["class": "tries"], el("thead", el("tr", el("th", .text("try")), el("th", .text("state")), el("th", .text("started")),
                                                           el("th", .text("ended")), el("th", .text("duration")))), el("tbody", children: tries)),
            await rendered(task: task, dag: dag, run: run, previous: previous),
            task.export == nil ? .empty : await export(task: task, dag: dag, run: run, previous: previous),
            el("h2", .text("Logs")),
            logs.isEmpty ? el("p", ["class": "muted"], .text("No try has started yet.")) : .group(logs)))
    }

    /// The whole log of a try as a plain-text download; with `?before=OFFSET`, the page of at most
    /// `logTail` bytes that ends there (from a whole line), its start in `X-Log-Start`.
    func download(_ request: Request, context: APIRequestContext) async throws -> Response {
        let url = logURL(dagId: context.path("dag_id"), runId: context.path("run_id"), taskId: context.path("task_id"),
                         tryNumber: Int(context.path("try_number")) ?? 0)
        guard var data = try? Data(contentsOf: url) else {
            return UIResponse.page(UILayout.page(title: "Not found", context: context, el("h1", .text("No such log"))), status: .notFound)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        if let before = request.uri.queryParameters["before"].flatMap({ Int(String($0)) }) {
            let end = min(max(0, before), data.count)
            var start = max(0, end - Self.logTail)
            if start > 0 { start += Self.pageStart(in: Data(data[start..<end])) }
            data = Data(data[start..<end])
            headers[.xLogStart] = String(start)
            UIResponse.securityHeaders(&headers)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        headers[.contentDisposition] = "attachment; filename=\"\(context.path("task_id").filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })-try\(context.path("try_number").filter(\.isNumber)).log\""
        UIResponse.securityHeaders(&headers)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func logURL(dagId: String, runId: String, taskId: String, tryNumber: Int) -> URL {
        TaskLog.url(logsFolder: environment.location.home.appendingPathComponent("logs"),
                    key: TaskInstanceKey(dagId: dagId, runId: runId, taskId: taskId), tryNumber: tryNumber)
    }

    /// The last `logTail` bytes of a log, from a whole line; the file's size; where the text starts.
    static func tail(of url: URL) -> (String, Int, Int) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return ("", 0, 0) }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        var start = max(0, size - logTail)
        try? handle.seek(toOffset: UInt64(start))
        var data = (try? handle.readToEnd()) ?? Data()
        if start > 0 {
            let cut = Self.pageStart(in: data)
            start += cut
            data = data.dropFirst(cut)
        }
        return (String(decoding: data, as: UTF8.self), size, start)
    }

    /// Where a page of a log that starts mid-file should begin: after the first line break if there is one
    /// near (a whole line), else at the first whole character (a single line longer than the page).
    static func pageStart(in data: Data) -> Int {
        let bytes = data.prefix(4096)
        if let newline = bytes.firstIndex(of: 0x0A) { return data.distance(from: data.startIndex, to: newline) + 1 }
        return bytes.prefix(4).prefix { $0 & 0xC0 == 0x80 }.count  // UTF-8 continuation bytes
    }

    /// The times of a log's first and last stamped lines (`[2026-...] ...`).
    static func firstAndLastStamp(_ text: String) -> (first: Date?, last: Date?) {
        func stamp(_ line: Substring) -> Date? {
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
            return DateText.parse(String(line[line.index(after: line.startIndex)..<close]), in: .gmt)
        }
        let lines = text.split(separator: "\n")
        return (lines.lazy.compactMap(stamp).first, lines.reversed().lazy.compactMap(stamp).first)
    }

    /// The SQL the task sends for this run, secrets masked.
    func rendered(task: TaskSpec, dag: Dag, run: DagRun, previous: PreviousSuccessfulRun?) async -> Node {
        let text: String
        do {
            var attempt = TaskAttempt(dag: dag, task: task, run: run, instance: TaskInstance(dagId: dag.dagId, runId: run.runId, taskId: task.taskId, tryNumber: 1))
            attempt.previousSuccess = previous
            let preview = try TaskPreview.render(task, of: dag, run: try attempt.renderRun(), environment: environment.processEnvironment)
            text = environment.mask(preview.masker.mask(preview.text))
        } catch {
            text = "-- does not render: " + environment.mask(String(describing: error))
        }
        return .group([el("h2", .text("Rendered SQL")), el("pre", ["class": "sql", "data-rendered": ""], .text(text))])
    }

    /// The published partition's manifest.
    func export(task: TaskSpec, dag: Dag, run: DagRun, previous: PreviousSuccessfulRun?) async -> Node {
        let published: PublishedExport?
        do {
            published = try await PublishedExport.read(task: task, dag: dag, run: run, previousSuccess: previous, environment: environment.processEnvironment)
        } catch {
            return .group([el("h2", .text("Export")), el("p", ["class": "error"], .text("The partition cannot be read: " + environment.mask(String(describing: error))))])
        }
        guard let published else {
            return .group([el("h2", .text("Export")), el("p", ["class": "muted", "data-export": "none"], .text("Nothing published for this run yet."))])
        }
        let m = published.manifest
        return .group([
            el("h2", .text("Export")),
            el("p", ["data-export": published.location], .text("\(m.totalRows) rows, \(m.totalBytes) bytes, \(m.files.count) file(s), \(m.format) (\(m.compression)) at "),
               el("code", .text(published.location))),
            el("table", ["class": "files"], el("thead", el("tr", el("th", .text("file")), el("th", .text("rows")), el("th", .text("bytes")), el("th", .text("sha256")))),
               el("tbody", children: m.files.map { f in
                   el("tr", el("td", .text(f.path)), el("td", .text(String(f.rows))), el("td", .text(String(f.bytes))), el("td", el("code", .text(f.sha256))))
               })),
            el("ul", ["class": "audits"], children: (m.audits ?? []).map { a in
                el("li", ["data-audit": a.name, "data-passed": a.passed ? "true" : "false"], .text(a.logLine))
            }),
        ])
    }
}
