/// What a task does when it runs.
///
/// `sql` runs templated SQL on a connection; `empty` does nothing and exists to shape the graph
/// (Airflow's EmptyOperator). `export` and `audit` are reserved for the lake exports.
public enum TaskType: String, Sendable, CaseIterable, Codable {
    case sql
    case empty
    case export
    case audit
}
