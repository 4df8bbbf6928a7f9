/// Which tasks of a DAG a command acts on: those whose id a pattern matches, plus, on request,
/// everything downstream (their dependents, transitively) and upstream (their dependencies,
/// transitively), as Airflow's `tasks clear -t REGEX --downstream --upstream` selects them.
///
/// Pure: the caller compiles the pattern (a regular expression searched anywhere in the task id,
/// as Airflow's `re.search`) and hands over the match. The result keeps the DAG's task order, so
/// listings read like the DAG file. It does not look at task states: that is the store's part.
public enum TaskSelection {
    /// The ids of `dag`'s tasks selected by `matches` (every task when nil), widened along the
    /// dependency edges as asked; in the DAG's order.
    public static func taskIds(in dag: Dag, matching matches: ((String) -> Bool)?, downstream: Bool, upstream: Bool) -> [String] {
        let all = dag.tasks.map(\.taskId)
        guard let matches else { return all }
        let roots = all.filter(matches)
        var selected = Set(roots)
        if downstream { selected.formUnion(reachable(from: roots, edges: dag.downstream)) }
        if upstream {
            let ups = Dictionary(dag.tasks.map { ($0.taskId, $0.upstream) }, uniquingKeysWith: { a, _ in a })
            selected.formUnion(reachable(from: roots, edges: ups))
        }
        return all.filter(selected.contains)
    }

    /// Every id reachable from `roots` along `edges` (roots excluded unless reached again); an
    /// explicit work list, so long chains cost memory, not stack.
    static func reachable(from roots: [String], edges: [String: [String]]) -> Set<String> {
        var seen = Set<String>()
        var work = roots
        while let id = work.popLast() {
            for next in edges[id] ?? [] where seen.insert(next).inserted {
                work.append(next)
            }
        }
        return seen
    }
}
