/// The `loop` variable of a `for` loop: its position members, `cycle(...)`, `changed(...)` and, in
/// a recursive loop, `loop(items)`. Built once per loop; each iteration gets a dict of its members.
struct TemplateLoopState {
    private let items: [TemplateValue]
    private var base = TemplateDictionary()
    /// What `cycle` and `changed` read and change: the current iteration and the last `changed` values.
    private let progress = TemplateCell<(index: Int, lastChanged: [TemplateValue]?)>((0, nil))

    init(items: [TemplateValue], depth: Int, recursion: TemplateFunction?) {
        self.items = items
        let progress = self.progress
        base["length"] = .int(items.count)
        base["depth"] = .int(depth)
        base["depth0"] = .int(depth - 1)
        base["cycle"] = .function(TemplateFunction(name: "loop.cycle") { arguments, _ in
            guard !arguments.isEmpty else { throw TemplateError(message: "no items for cycling given") }
            let index = progress.withLock { $0.index }
            return arguments[index % arguments.count]
        })
        base["changed"] = .function(TemplateFunction(name: "loop.changed") { arguments, _ in
            progress.withLock { state in
                if let last = state.lastChanged, last == arguments { return .bool(false) }
                state.lastChanged = arguments
                return .bool(true)
            }
        })
        if let recursion { base["__call__"] = .function(recursion) }
    }

    /// The `loop` value of the iteration at `index`.
    func value(at index: Int) -> TemplateValue {
        progress.withLock { $0.index = index }
        let length = items.count
        var d = base
        d["index"] = .int(index + 1)
        d["index0"] = .int(index)
        d["revindex"] = .int(length - index)
        d["revindex0"] = .int(length - index - 1)
        d["first"] = .bool(index == 0)
        d["last"] = .bool(index == length - 1)
        if index > 0 { d["previtem"] = items[index - 1] }
        if index + 1 < length { d["nextitem"] = items[index + 1] }
        return .dict(d)
    }
}
