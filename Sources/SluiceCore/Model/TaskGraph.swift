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
    public static func order(ids: [String], upstream: [String: [String]]) -> Ordering {
        var state: [String: Int] = [:]  // 0 new, 1 on stack, 2 done
        var result: [String] = []
        result.reserveCapacity(ids.count)
        var stack: [String] = []

        func visit(_ id: String) -> [String]? {
            switch state[id, default: 0] {
            case 2: return nil
            case 1:
                guard let start = stack.firstIndex(of: id) else { return [id, id] }
                return Array(stack[start...]) + [id]
            default: break
            }
            state[id] = 1
            stack.append(id)
            for up in upstream[id] ?? [] where state[up] != 2 {
                if let cycle = visit(up) { return cycle }
            }
            stack.removeLast()
            state[id] = 2
            result.append(id)
            return nil
        }

        for id in ids {
            if let cycle = visit(id) {
                // The stack walks downstream -> upstream; show it in dependency order.
                return .cycle(cycle.reversed())
            }
        }
        return .ordered(result)
    }
}
