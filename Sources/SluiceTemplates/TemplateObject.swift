/// A Python object a template can hold that is none of the basic values: a dateutil `relativedelta`,
/// an Airflow connection, a weekday constant. Objects that have attributes or methods also conform to
/// `TemplateMemberObject`, so that adding one needs no change to the renderer's switches.
public protocol TemplateObject: Sendable {
    /// The Python type name, for messages (`relativedelta`, `Connection`).
    var typeName: String { get }
    /// Appends Python's `str()` of the object.
    func appendText(to out: inout String)
    /// Python's `==` with another object.
    func isEqual(to other: any TemplateObject) -> Bool
}

/// An object's attributes and methods, as the renderer reads them.
protocol TemplateMemberObject: TemplateObject {
    /// An attribute; nil when the object has none. Throws for an attribute Sluice refuses to give.
    func attribute(_ name: String) throws -> TemplateValue?
    /// A method call; nil when the object has no such method.
    func callMethod(_ name: String, _ arguments: inout TemplateArgumentReader) throws -> TemplateValue?
}

extension TemplateMemberObject {
    func callMethod(_ name: String, _ arguments: inout TemplateArgumentReader) throws -> TemplateValue? { nil }
}
