/// Orders tasks so that every upstream comes first, and finds dependency cycles.
///
/// Pure functions over task ids and edges; the loader uses them to validate DAG files and
/// the executor relies on the order it produces.
public enum TaskGraph {
    /// The result of ordering: the order, or a cycle as a closed path `a -> b -> a`.
    public enum Ordering: Equatable {
        case ordered([String])
        case cycle([String])
    }

    /// Orders `ids` (given in file order) by their `upstream` edges; stable for independent tasks.
    ///
    /// A depth-first walk with an explicit stack, so a chain of 100,000 tasks costs memory, not
    /// call stack.
    public static func order(ids: [String], upstream: [String: [String]]) -> Ordering {
        var state: [String: Int] = [:]  // 0 new, 1 on the path, 2 done
        var result: [String] = []
        result.reserveCapacity(ids.count)
        // The current path, downstream first, with the next upstream edge to follow of each.
        var path: [(id: String, next: Int)] = []

        for root in ids where state[root, default: 0] == 0 {
            state[root] = 1
            path.append((root, 0))
            while let (id, next) = path.last {
                let ups = upstream[id] ?? []
                guard next < ups.count else {
                    path.removeLast()
                    state[id] = 2
                    result.append(id)
                    continue
                }
                path[path.count - 1].next = next + 1
                let up = ups[next]
                switch state[up, default: 0] {
                case 2: continue
                case 1:
                    // The path walks downstream -> upstream; show the cycle in dependency order.
                    let start = path.firstIndex { $0.id == up } ?? path.count - 1
                    return .cycle((path[start...].map(\.id) + [up]).reversed())
                default:
                    state[up] = 1
                    path.append((up, 0))
                }
            }
        }
        return .ordered(result)
    }
}
