import Synchronization

/// The object `namespace(...)` creates: attributes that `{% set ns.name = value %}` changes in place,
/// so that state set inside a loop body (whose own `set`s stay in the iteration, Jinja's scoping)
/// is seen after the loop. It is a reference, as in Jinja: every name bound to it sees the change.
///
/// It deliberately cannot hold another namespace (the renderer refuses that assignment), so a
/// namespace can never contain itself and printing one always ends.
public final class TemplateNamespace: Sendable {
    private let storage: Mutex<TemplateDictionary>

    init(_ attributes: TemplateDictionary) {
        storage = Mutex(attributes)
    }

    /// A copy of the attributes as they are now.
    var attributes: TemplateDictionary {
        storage.withLock { $0 }
    }

    func set(_ name: String, _ value: TemplateValue) {
        storage.withLock { $0[name] = value }
    }
}
