import Foundation
import Hummingbird
import SluiceCore

/// `GET /api/v2/importErrors`: each broken DAG file's problems, `file:line:col: message`, one entry per file.
struct ImportErrorRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("/importErrors") { request, context in
            try context.require(.read)
            let query = APIQuery(request)
            let (limit, offset) = try query.page()
            let bag = await environment.catalog.current()
            var byFile: [String: [String]] = [:]
            for problem in bag.problems { byFile[problem.file, default: []].append(problem.description) }
            let files = byFile.keys.sorted()
            let errors = files.enumerated().dropFirst(offset).prefix(limit).map { index, file -> JSONValue in
                let url = environment.catalog.folder.deletingLastPathComponent().appendingPathComponent(file)
                let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
                return .object([
                    ("import_error_id", .int(index + 1)), ("timestamp", APIJSON.date(modified ?? Date())),
                    ("filename", .string(file)), ("bundle_name", .string("dags-folder")),
                    ("stack_trace", .string((byFile[file] ?? []).joined(separator: "\n"))),
                ])
            }
            return APIJSON.response(.object([("import_errors", .array(errors)), ("total_entries", .int(files.count))]))
        }
    }
}
