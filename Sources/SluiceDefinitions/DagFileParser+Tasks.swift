import Foundation
import SluiceCore
import SluiceTemplates
import Yams

/// Tasks and groups: expansion of `for_each`, SQL sources, and template checks.
extension DagFileParser {
    mutating func parseTaskEntry(
        _ entry: Node, defaults: TaskDefaults, tasks: inout [TaskSpec], groups: inout [String: [String]],
        taskNodes: inout [String: Node], dependsNodes: inout [String: [Node]]
    ) {
        guard case let .mapping(map) = entry else {
            problem(entry, "each entry of tasks must be a mapping with a task_id, not \(entry.kindName)")
            return
        }
        parsedTemplates = []
        let isGroup = map.contains { $0.key.string == "group" }
        let keys = checkKeys(map, allowed: isGroup ? DagSchema.groupKeys : DagSchema.taskKeys, what: isGroup ? "group key" : "task key")
        guard let idNode = keys["task_id"] else {
            problem(entry, isGroup ? "group is missing task_id: give a template like \"copy_{{ item.table }}\"" : "task is missing task_id")
            return
        }

        if isGroup {
            guard let groupNode = keys["group"], let groupName = identifier(groupNode, what: "group name") else { return }
            if groups[groupName] != nil {
                problem(groupNode, "duplicate group '\(UserText.quote(groupName))'")
                return
            }
            guard let forEach = keys["for_each"] else {
                problem(entry, "group '\(UserText.quote(groupName))' needs for_each: a list of items or a YAML file under include/")
                return
            }
            guard let items = forEachItems(forEach) else { return }
            guard case let .scalar(idScalar) = idNode, let idTemplate = parseTemplate(idScalar.string, node: idNode, role: "task_id") else { return }
            guard let prototype = makePrototype(name: groupName, idNode: idNode, keys: keys, defaults: defaults) else { return }
            let templates = parsedTemplates
            checkParamReads(templates, known: dagParamNames + prototype.params.map(\.0), scope: "for group '\(UserText.quote(groupName))'")
            let auditChecks = itemAuditChecks(prototype)
            var members: [String] = []
            for (item, place) in items {
                guard checkItemKeys(item, at: place, templates: templates) else { continue }
                let rendered: String
                do {
                    rendered = try idTemplate.render(TemplateContext(variables: ["item": TemplateValue(json: item)]))
                } catch let error as TemplateError {
                    problem(at: place, "cannot make a task_id from this item: \(error.message)")
                    continue
                } catch {
                    problem(at: place, "cannot make a task_id from this item: \(error)")
                    continue
                }
                guard isValidTaskId(rendered) else {
                    problem(at: place, "task_id '\(UserText.quote(rendered))' made from this item may only contain letters, digits, '_', '.' and '-'")
                    continue
                }
                checkAuditColumns(auditChecks, item: item, at: place, taskId: rendered)
                if let task = instantiate(prototype, id: rendered, idNode: idNode, group: groupName, item: item, tasks: tasks) {
                    tasks.append(task)
                    taskNodes[rendered] = idNode
                    dependsNodes[rendered] = dependsOn(keys["depends_on"])
                    members.append(rendered)
                }
            }
            groups[groupName] = members
        } else {
            guard let id = identifier(idNode, what: "task_id") else { return }
            guard let prototype = makePrototype(name: id, idNode: idNode, keys: keys, defaults: defaults) else { return }
            checkParamReads(parsedTemplates, known: dagParamNames + prototype.params.map(\.0), scope: "for task '\(UserText.quote(id))'")
            if let task = instantiate(prototype, id: id, idNode: idNode, group: nil, item: nil, tasks: tasks) {
                tasks.append(task)
                taskNodes[id] = idNode
                dependsNodes[id] = dependsOn(keys["depends_on"])
            }
        }
    }

    private func isValidTaskId(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 250 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    private mutating func dependsOn(_ node: Node?) -> [Node] {
        guard let node, !node.isNull else { return [] }
        switch node {
        case .scalar: return [node]
        case let .sequence(seq): return Array(seq)
        default:
            problem(node, "depends_on must be a task id, a group name, or a list of them")
            return []
        }
    }

    /// A task with a unique id made from a prototype (one per item of a group).
    private mutating func instantiate(_ prototype: TaskSpec, id: String, idNode: Node, group: String?, item: JSONValue?, tasks: [TaskSpec]) -> TaskSpec? {
        guard taskIds.insert(id).inserted else {
            problem(idNode, "duplicate task_id '\(UserText.quote(id))': task ids must be unique within a DAG")
            return nil
        }
        var spec = prototype
        spec.taskId = id
        spec.group = group
        spec.item = item
        return spec
    }

    /// Everything a task entry says except its id: checked and parsed once, even for a group of many items.
    private mutating func makePrototype(name id: String, idNode: Node, keys: [String: Node], defaults: TaskDefaults) -> TaskSpec? {
        var type: TaskType = keys["sql"] != nil ? .sql : (keys["table"] != nil || keys["query"] != nil ? .export : .empty)
        if let node = keys["type"], let name = string(node, what: "type") {
            guard let t = TaskType(rawValue: name) else {
                let hint = DidYouMean.hint(for: name, among: TaskType.allCases.map(\.rawValue))
                problem(node, "unknown task type '\(UserText.quote(name))': use sql, export or empty\(hint)")
                return nil
            }
            guard DagSchema.supportedTypes.contains(t) else {
                problem(node, "task type '\(UserText.quote(name))' is not available in this version of Sluice; use sql, export or empty")
                return nil
            }
            type = t
        }
        var spec = TaskSpec(taskId: id, type: type)
        var settings = defaults
        applyRetrySettings(keys, to: &settings)
        spec.retries = settings.retries
        spec.retryDelay = settings.retryDelay
        spec.retryExponentialBackoff = settings.exponentialBackoff
        spec.maxRetryDelay = settings.maxRetryDelay
        spec.executionTimeout = settings.executionTimeout
        spec.queue = settings.queue
        spec.connection = settings.connection
        if let node = keys["connection"] { spec.connection = string(node, what: "connection") }
        spec.notifications = settings.notifications
        if let node = keys["notify"] { spec.notifications = subscriptions(node) }
        if let node = keys["params"] { spec.params = paramsMapping(node, what: "params") }

        switch type {
        case .sql:
            guard let sqlNode = keys["sql"] else {
                problem(idNode, "sql task '\(UserText.quote(id))' has no sql: give inline SQL or a file under include/")
                return nil
            }
            spec.sql = sqlSource(sqlNode)
            if spec.connection == nil {
                problem(idNode, "sql task '\(UserText.quote(id))' has no connection: set `connection:` on the task or in default_args")
            }
        case .empty:
            if let sqlNode = keys["sql"] {
                problem(sqlNode, "task '\(UserText.quote(id))' is of type empty and cannot have sql; remove `type: empty` to run it")
            }
        case .export:
            spec.export = exportSpec(keys, idNode: idNode, taskName: id)
            if spec.export == nil { return nil }
            if spec.connection == nil {
                problem(idNode, "export task '\(UserText.quote(id))' has no connection: set `connection:` on the task or in default_args")
            }
        case .audit:
            break
        }
        if type != .export, let stray = DagSchema.exportKeys.first(where: { keys[$0] != nil }), let node = keys[stray] {
            problem(node, "`\(stray)` belongs to export tasks; add `type: export` or remove it")
        }
        return spec
    }

    // MARK: SQL and templates

    /// The SQL of a task: a file under include/ when the value is a path, inline text otherwise.
    mutating func sqlSource(_ node: Node) -> TemplateSource? {
        guard let value = string(node, what: "sql") else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let looksLikePath = !trimmed.contains(where: { $0.isWhitespace }) && (trimmed.hasSuffix(".sql") || trimmed.hasSuffix(".j2"))
        if looksLikePath {
            guard let (url, display) = resolveInclude(trimmed) else {
                problem(node, "include file '\(UserText.quote(trimmed))' not found inside the project (looked in \(projectRoot.path), its include/ folder and \(fileURL.deletingLastPathComponent().path))")
                return nil
            }
            let text: String
            do {
                text = try IncludeResolver.text(of: url, name: trimmed)
            } catch let error as TemplateError {
                problem(node, error.message)
                return nil
            } catch {
                problem(node, "cannot read include file '\(UserText.quote(trimmed))': \(error)")
                return nil
            }
            do {
                let template = try Template(source: text, name: display)
                trackIncludes(of: template)
                parsedTemplates.append(ParsedTemplate(template: template, role: "sql", place: .file(display)))
            } catch let error as TemplateError {
                problem(file: display, line: error.line, column: error.column, "template does not parse: \(error.message)")
                return nil
            } catch {
                problem(node, "template does not parse: \(error)")
                return nil
            }
            return TemplateSource(text: text, name: display)
        }
        guard checkTemplate(value, node: node, role: "sql") else { return nil }
        let (line, _) = node.position
        return TemplateSource(text: value, name: displayPath, lineOffset: node.isBlockScalar ? line : line - 1)
    }

    /// Parses a template; a syntax error becomes a problem at its place in this file.
    @discardableResult
    mutating func checkTemplate(_ text: String, node: Node, role: String) -> Bool {
        parseTemplate(text, node: node, role: role) != nil
    }

    mutating func parseTemplate(_ text: String, node: Node, role: String) -> Template? {
        do {
            let template = try Template(source: text, name: displayPath)
            trackIncludes(of: template)
            parsedTemplates.append(ParsedTemplate(template: template, role: role, place: .inline(node)))
            return template
        } catch let error as TemplateError {
            let (line, column) = locate(templateLine: error.line, templateColumn: error.column, in: node)
            problem(file: displayPath, line: line, column: column, "\(role) template does not parse: \(error.message)")
            return nil
        } catch {
            problem(node, "\(role) template does not parse: \(error)")
            return nil
        }
    }

    /// Maps a line:col inside a scalar's text to the file.
    mutating func locate(templateLine: Int, templateColumn: Int, in node: Node) -> (Int, Int) {
        let (line, column) = node.position
        if node.isBlockScalar {
            // The block's indentation is that of its first non-blank line, not of the line itself
            // (a line may be indented further inside the block).
            let fileLine = line + templateLine
            let indent = lines.dropFirst(line).first { !$0.allSatisfy(\.isWhitespace) }?.prefix(while: { $0 == " " }).count ?? 0
            return (fileLine, indent + templateColumn)
        }
        let quote = node.isQuotedOrBlock ? 1 : 0
        return templateLine == 1 ? (line, column + quote + templateColumn - 1) : (line + templateLine - 1, templateColumn)
    }

    /// `include/x.sql` inside the project (see `IncludeResolver`); the file is remembered so the DAG
    /// is reloaded when it changes, and so are the places a missing one was looked for, so the DAG
    /// is reloaded when it appears.
    mutating func resolveInclude(_ path: String) -> (URL, String)? {
        let resolver = IncludeResolver(projectRoot: projectRoot)
        let dagFolder = fileURL.deletingLastPathComponent()
        guard let url = resolver.resolve(path, dagFolder: dagFolder) else {
            usedFiles.formUnion(resolver.candidates(for: path, dagFolder: dagFolder))
            return nil
        }
        usedFiles.insert(url)
        return (url, DisplayPath.of(url))
    }

    /// Remembers the files a template includes by literal name, and theirs in turn (to the include
    /// depth the renderer allows), so an edited include reloads the DAG. Missing ones are left to rendering.
    mutating func trackIncludes(of template: Template) {
        let resolver = IncludeResolver(projectRoot: projectRoot, dagFolder: fileURL.deletingLastPathComponent())
        var pending = template.includedNames.map { ($0, 1) }
        while let (name, depth) = pending.popLast() {
            guard let url = resolver.resolve(name), usedFiles.insert(url).inserted, depth < 20 else { continue }
            guard let text = try? IncludeResolver.text(of: url, name: name), let inner = try? Template(source: text, name: name) else { continue }
            pending.append(contentsOf: inner.includedNames.map { ($0, depth + 1) })
        }
    }

    // MARK: for_each

    /// The items of a group: an inline list, or a YAML file holding a list.
    /// Each item comes with its place: in this file, or in the file `for_each` names.
    mutating func forEachItems(_ node: Node) -> [(JSONValue, SourcePlace)]? {
        switch node {
        case let .sequence(seq):
            return seq.map { ($0.jsonValue, SourcePlace(file: displayPath, line: $0.position.line, column: $0.position.column)) }
        case .scalar:
            guard let path = string(node, what: "for_each") else { return nil }
            guard let (url, display) = resolveInclude(path) else {
                problem(node, "for_each file '\(UserText.quote(path))' not found inside the project (looked in \(projectRoot.path))")
                return nil
            }
            guard let text = try? IncludeResolver.text(of: url, name: path) else {
                problem(node, "cannot read for_each file '\(UserText.quote(path))' as UTF-8 text of at most \(DagLimits.fileBytes / 1_048_576) MiB")
                return nil
            }
            do {
                guard let root = try Self.compose(text, display: display), case let .sequence(seq) = root else {
                    problem(file: display, line: 1, column: 1, "a for_each file must hold a YAML list of items, like `- {table: doc.metrics}`")
                    return nil
                }
                return seq.map { ($0.jsonValue, SourcePlace(file: display, line: $0.position.line, column: $0.position.column)) }
            } catch let error as YamlError {
                var inner = DagFileParser(fileURL: url, displayPath: display, projectRoot: projectRoot, text: text)
                inner.reportYAMLError(error)
                problems.append(contentsOf: inner.problems)
                return nil
            } catch let refused as DagProblem {
                problems.append(refused)
                return nil
            } catch {
                problem(node, "cannot read for_each file '\(UserText.quote(path))': \(error)")
                return nil
            }
        default:
            problem(node, "for_each must be a list of items or the path of a YAML file holding one")
            return nil
        }
    }
}
