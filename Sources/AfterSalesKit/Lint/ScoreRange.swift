/// Walks every path of a scenario (choices, both extremes of each reply's points, every branch, sub-flows)
/// and reports the first step at which the running score leaves 0–100.
struct ScoreRange {
    let scenario: Located<Scenario>
    let flows: [String: Flow]

    private struct State: Hashable {
        var flow: String?
        var node: String
        var score: Int
        var taken: [String]
        var stack: [String]
    }

    /// Bounds the search on pathological graphs (sticky loops); real scenarios stay far below it.
    private static let maxStates = 200_000

    func problems() -> [Diagnostic] {
        let s = scenario.value
        guard s.nodes[s.start] != nil else { return [] }
        var seen = Set<State>()
        var stack = [State(flow: nil, node: s.start, score: s.score, taken: [], stack: [])]
        var high: (Int, [PathStep])? = nil
        var low: (Int, [PathStep])? = nil

        func record(_ score: Int, _ path: [PathStep]) {
            if score > 100, high == nil || score > high!.0 { high = (score, path) }
            if score < 0, low == nil || score < low!.0 { low = (score, path) }
        }

        while let state = stack.popLast() {
            guard seen.count < Self.maxStates, seen.insert(state).inserted else { continue }
            guard let node = state.flow.map({ flows[$0]?.nodes[state.node] }) ?? s.nodes[state.node] else { continue }
            let nodePath: [PathStep] = state.flow == nil ? [.key("nodes"), .key(state.node)] : []
            let score = state.score + (node.effect?.points ?? 0)
            record(score, nodePath)

            func go(_ targets: [String], _ score: Int, _ taken: [String]) {
                for target in targets {
                    var next = state
                    next.score = score
                    next.taken = taken
                    if target == "return", state.flow != nil {
                        guard let caller = next.stack.popLast(), let callerNode = s.nodes[caller] else { continue }
                        next.flow = nil
                        for t in callerNode.next?.targets ?? [] where s.nodes[t] != nil {
                            var back = next
                            back.node = t
                            stack.append(back)
                        }
                        continue
                    }
                    let exists = state.flow.map { flows[$0]?.nodes[target] != nil } ?? (s.nodes[target] != nil)
                    guard exists else { continue }  // an ending, or an unknown target reported elsewhere
                    next.node = target
                    stack.append(next)
                }
            }

            if let flowID = node.call, let flow = flows[flowID], state.flow == nil {
                var next = state
                next.flow = flowID
                next.node = flow.start
                next.score = score
                next.stack.append(state.node)
                stack.append(next)
                continue
            }
            if let reply = node.reply {
                for earned in Set([0, reply.points]) {
                    record(score + earned, nodePath + [.key("reply"), .key("points")])
                    go(node.next?.targets ?? [], score + earned, state.taken)
                }
                continue
            }
            if let choices = node.choices {
                for (i, choice) in choices.enumerated() {
                    let key = "\(state.flow ?? "")/\(state.node)#\(i)"
                    if choice.kind == .once, state.taken.contains(key) { continue }
                    let after = score + choice.effect.points
                    record(after, nodePath + [.key("choices"), .index(i)])
                    let taken = choice.kind == .once ? (state.taken + [key]).sorted() : state.taken
                    go(choice.next.targets, after, taken)
                }
                continue
            }
            go(node.next?.targets ?? [], score, state.taken)
        }

        var problems: [Diagnostic] = []
        if let (value, path) = high {
            problems.append(scenario.diagnostic(path, .scoreOutOfRange, "a path reaches \(value) points here; the score must stay within 0–100"))
        }
        if let (value, path) = low {
            problems.append(scenario.diagnostic(path, .scoreOutOfRange, "a path falls to \(value) points here; the score must stay within 0–100"))
        }
        return problems
    }
}
