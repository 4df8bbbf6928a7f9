/// A callable value, such as `macros.ds_add`: a name for messages and a body that receives the
/// positional and keyword arguments of the call.
///
/// A body reports a bad call by throwing a `TemplateError` (any line and column; the renderer
/// replaces them with the call's position) or any other error, whose description is shown.
public struct TemplateFunction: Sendable {
    public let name: String
    public let body: @Sendable (_ arguments: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue
    /// What the renderer runs itself (a macro, a recursive loop) instead of `body`.
    let callable: TemplateCallable?
    /// The object the callable also is, for callables with attributes (`macros.datetime.strptime`)
    /// or their own text (`FR` of dateutil); nil for a plain function.
    let object: (any TemplateObject)?

    public init(name: String, body: @escaping @Sendable (_ arguments: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue) {
        self.name = name
        self.body = body
        self.callable = nil
        self.object = nil
    }

    /// A macro or recursive loop: rendering template text needs the renderer, so `body` only refuses.
    init(name: String, callable: TemplateCallable) {
        self.name = name
        self.callable = callable
        self.object = nil
        self.body = { _, _ in
            throw TemplateError(message: "'\(name)' renders template text and can only be called from a template expression")
        }
    }

    init(name: String, object: any TemplateObject,
         body: @escaping @Sendable (_ arguments: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue) {
        self.name = name
        self.body = body
        self.callable = nil
        self.object = object
    }
}
