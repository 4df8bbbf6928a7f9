import SluiceTemplates
import Yams

/// A template of a task as the DAG file parser found it, kept so that what it reads (`params.x`,
/// `item.x`) can be checked once the task's params and items are known.
struct ParsedTemplate {
    /// Where the template's text is.
    enum Place {
        /// A scalar of the DAG file: template positions are mapped through the node.
        case inline(Node)
        /// A file of its own (`include/x.sql`), shown as this path: template positions are its own.
        case file(String)
    }

    var template: Template
    /// What the template is, for messages: `sql`, `path`, `param 'table'`, `not_null columns`.
    var role: String
    var place: Place
    /// What the template reads, found once.
    let reads: TemplateReads

    init(template: Template, role: String, place: Place) {
        self.template = template
        self.role = role
        self.place = place
        reads = template.reads
    }
}
