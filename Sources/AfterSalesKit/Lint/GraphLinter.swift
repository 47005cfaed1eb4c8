/// Lints one scenario or sub-flow: references, reachability, a way to an ending from every node,
/// one best choice per decision, translations, placeholders, conditions and the reachable score range.
struct GraphLinter {
    enum Graph {
        case scenario(Located<Scenario>)
        case flow(Located<Flow>)
    }

    let library: ContentLibrary
    let context: LintContext
    let graph: Graph

    private var nodes: [String: Node] {
        switch graph {
        case .scenario(let s): return s.value.nodes
        case .flow(let f): return f.value.nodes
        }
    }
    private var start: String {
        switch graph {
        case .scenario(let s): return s.value.start
        case .flow(let f): return f.value.start
        }
    }
    private var endings: Set<String> {
        switch graph {
        case .scenario(let s): return Set(s.value.endings.keys)
        case .flow: return ["return"]
        }
    }
    private var isFlow: Bool { if case .flow = graph { return true } else { return false } }

    private func at(_ path: [PathStep], _ code: DiagnosticCode, _ message: String) -> Diagnostic {
        switch graph {
        case .scenario(let s): return s.diagnostic(path, code, message)
        case .flow(let f): return f.diagnostic(path, code, message)
        }
    }

    func run() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        problems += header()
        problems += nodeProblems()
        problems += reachability()
        if case .scenario(let s) = graph {
            problems += ScoreRange(scenario: s, flows: library.flows.mapValues(\.value)).problems()
        }
        return problems
    }

    // MARK: - Scenario header

    private func header() -> [Diagnostic] {
        guard case .scenario(let located) = graph else { return [] }
        let s = located.value
        var problems: [Diagnostic] = []
        if !ContentLinter.topics.contains(s.topic) {
            problems.append(at([.key("topic")], .wrongType, "topic must be one of \(ContentLinter.topics.sorted().joined(separator: ", "))"))
        }
        if !(1...3).contains(s.difficulty) { problems.append(at([.key("difficulty")], .wrongType, "difficulty must be 1, 2 or 3")) }
        if !(0...100).contains(s.mood) { problems.append(at([.key("mood")], .wrongType, "mood must be within 0–100")) }
        if !(0...100).contains(s.score) { problems.append(at([.key("score")], .scoreOutOfRange, "starting score must be within 0–100")) }
        if nodes[s.start] == nil { problems.append(at([.key("start")], .unknownNode, "start node '\(s.start)' does not exist")) }
        for id in s.nodes.keys.sorted() where s.endings[id] != nil {
            problems.append(at([.key("endings"), .key(id)], .duplicateID, "'\(id)' is both a node and an ending"))
        }
        problems += translations([.key("title")], s.title, "title")
        if let summary = s.summary { problems += translations([.key("summary")], summary, "summary") }
        for (i, deadline) in s.deadlines.enumerated() {
            let path: [PathStep] = [.key("deadlines"), .index(i)]
            problems += rule(deadline.rule, path + [.key("rule")])
            problems += translations(path + [.key("label")], deadline.label, "deadline label")
            if let ending = deadline.ending, s.endings[ending] == nil {
                problems.append(at(path + [.key("ending")], .unknownNode, "deadline ending '\(ending)' does not exist"))
            }
            for (key, node) in [("from", deadline.from), ("until", deadline.until)] {
                if let node, nodes[node] == nil { problems.append(at(path + [.key(key)], .unknownNode, "node '\(node)' does not exist")) }
            }
        }
        for (i, id) in s.trains.enumerated() { problems += rule(id, [.key("trains"), .index(i)]) }
        for id in s.endings.keys.sorted() {
            let ending = s.endings[id]!
            let path: [PathStep] = [.key("endings"), .key(id)]
            problems += translations(path + [.key("text")], ending.text, "ending text")
            if let lesson = ending.lesson { problems += translations(path + [.key("lesson")], lesson, "lesson") }
            problems += placeholders(path + [.key("text")], [ending.text.en, ending.text.zh, ending.lesson?.en, ending.lesson?.zh])
        }
        problems += placeholders([.key("summary")], [s.summary?.en, s.summary?.zh])
        return problems
    }

    // MARK: - Nodes

    private func nodeProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let choiceIDs = allChoiceIDs()
        for id in nodes.keys.sorted() {
            let node = nodes[id]!
            let path: [PathStep] = [.key("nodes"), .key(id)]
            let kinds = [node.choices != nil, node.reply != nil, node.call != nil].filter { $0 }.count
            if kinds > 1 { problems.append(at(path, .badNode, "node '\(id)' mixes choices, a reply and a call; use one")) }
            if kinds == 0 && node.next == nil {
                problems.append(at(path, .badNode, "node '\(id)' has neither choices, a reply, a call nor a next step"))
            }
            if (node.reply != nil || node.call != nil) && node.next == nil {
                problems.append(at(path, .badNode, "node '\(id)' needs a next step after its \(node.reply != nil ? "reply" : "call")"))
            }
            if let narration = node.narration {
                problems += translations(path + [.key("narration")], narration, "narration")
                problems += placeholders(path + [.key("narration")], [narration.en, narration.zh])
            }
            if let buyer = node.buyer { problems += placeholders(path + [.key("buyer")], buyer.all) }
            if let hint = node.hint { problems += rule(hint, path + [.key("hint")]) }
            if let flow = node.call, library.flows[flow] == nil {
                problems.append(at(path + [.key("call")], .unknownFlow, "sub-flow '\(flow)' does not exist in Scenarios/flows"))
            }
            if let next = node.next { problems += transition(next, path + [.key("next")], choiceIDs: choiceIDs) }
            if let reply = node.reply { problems += replyProblems(reply, path + [.key("reply")]) }
            if let choices = node.choices { problems += choiceProblems(choices, path + [.key("choices")], id, choiceIDs: choiceIDs) }
        }
        return problems
    }

    private func choiceProblems(_ choices: [Choice], _ path: [PathStep], _ node: String, choiceIDs: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if choices.isEmpty { return [at(path, .badNode, "node '\(node)' has an empty choice list")] }
        for (i, choice) in choices.enumerated() {
            let p = path + [.index(i)]
            problems += translations(p + [.key("say")], choice.say, "choice")
            problems += translations(p + [.key("feedback")], choice.feedback, "feedback")
            problems += placeholders(p + [.key("say")], [choice.say.en, choice.say.zh, choice.feedback.en, choice.feedback.zh])
            if let id = choice.follows { problems += rule(id, p + [.key("follows")]) }
            if let id = choice.breaks { problems += rule(id, p + [.key("breaks")]) }
            if choice.follows != nil && choice.breaks != nil {
                problems.append(at(p, .badNode, "a choice either follows or breaks a rule, not both"))
            }
            if let text = choice.when { problems += condition(text, p + [.key("if")], choiceIDs: choiceIDs) }
            problems += transition(choice.next, p + [.key("next")], choiceIDs: choiceIDs)
        }
        let ranked = choices.enumerated().filter { $0.element.kind != .fallback }
        guard let best = ranked.map(\.element.effect.points).max() else { return problems }
        let top = ranked.filter { $0.element.effect.points == best }
        if top.count > 1 {
            problems.append(at(path, .noBestChoice, "choices \(top.map { "\($0.offset + 1)" }.joined(separator: " and ")) of node '\(node)' tie for best (\(best) points); make one the best"))
        } else if let only = top.first, only.element.breaks != nil {
            problems.append(at(path + [.index(only.offset)], .noBestChoice, "the highest-scoring choice of node '\(node)' breaks a rule"))
        }
        return problems
    }

    private func replyProblems(_ reply: ReplySpec, _ path: [PathStep]) -> [Diagnostic] {
        var problems = translations(path + [.key("prompt")], reply.prompt, "reply prompt")
        problems += placeholders(path + [.key("prompt")], [reply.prompt.en, reply.prompt.zh, reply.model])
        if let rubrics = context.rubricIDs, !rubrics.contains(reply.rubric) {
            problems.append(at(path + [.key("rubric")], .unknownRubric, "rubric '\(reply.rubric)' is not defined in Content/rubrics"))
        }
        if let id = reply.rule { problems += rule(id, path + [.key("rule")]) }
        if reply.points < 0 { problems.append(at(path + [.key("points")], .scoreOutOfRange, "reply points cannot be negative")) }
        return problems
    }

    private func transition(_ transition: Transition, _ path: [PathStep], choiceIDs: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let listed = transition.branches.count > 1 || transition.branches.first?.when != nil
        for (i, branch) in transition.branches.enumerated() {
            let p = listed ? path + [.index(i)] : path
            if nodes[branch.go] == nil && !endings.contains(branch.go) {
                problems.append(at(listed ? p + [.key("go")] : p, .unknownNode, "'\(branch.go)' is neither a node nor an ending\(isFlow ? " (nor return)" : "")"))
            }
            if let text = branch.when { problems += condition(text, p + [.key("if")], choiceIDs: choiceIDs) }
        }
        if transition.branches.last?.when != nil {
            problems.append(at(path, .badCondition, "the last branch must have no condition, so there is always a way on"))
        }
        return problems
    }

    private func condition(_ text: String, _ path: [PathStep], choiceIDs: Set<String>) -> [Diagnostic] {
        let parsed: Condition
        do {
            parsed = try Condition.parse(text)
        } catch {
            return [at(path, .badCondition, error.message)]
        }
        var problems: [Diagnostic] = []
        for (function, argument) in parsed.calls {
            let known: Bool
            switch function {
            case "visits": known = nodes[argument] != nil
            case "chose": known = choiceIDs.contains(argument)
            case "fired": known = context.violationIDs?.contains(argument) ?? true
            case "met": known = context.criterionIDs?.contains(argument) ?? true
            case "followed", "broke": known = library.rules[argument] != nil
            default: known = false
            }
            if !known { problems.append(at(path, .badCondition, "\(function)(\(argument)): '\(argument)' is not known here")) }
        }
        return problems
    }

    private func rule(_ id: String, _ path: [PathStep]) -> [Diagnostic] {
        library.rules[id] == nil ? [at(path, .unknownRule, "rule '\(id)' is not defined in Content/rules.yaml")] : []
    }

    private func translations(_ path: [PathStep], _ text: Localized, _ what: String) -> [Diagnostic] {
        text.missing.map { at(path, .missingTranslation, "\(what) has no \($0.rawValue) text") }
    }

    /// Scenario texts may use only the scenario's own variables; flows are filled by whichever scenario calls them.
    private func placeholders(_ path: [PathStep], _ texts: [String?]) -> [Diagnostic] {
        guard case .scenario(let s) = graph else { return [] }
        var unknown: [String] = []
        for text in texts.compactMap({ $0 }) {
            for name in Template.placeholders(in: text) where s.value.vars[name] == nil && !unknown.contains(name) { unknown.append(name) }
        }
        return unknown.map { at(path, .unknownVariable, "{\($0)} is not in the scenario's vars") }
    }

    private func allChoiceIDs() -> Set<String> {
        var ids = Set<String>()
        for node in nodes.values { for choice in node.choices ?? [] { if let id = choice.id { ids.insert(id) } } }
        return ids
    }

    // MARK: - Reachability

    private func successors(_ id: String) -> [String] {
        guard let node = nodes[id] else { return [] }
        var next = (node.choices ?? []).flatMap(\.next.targets)
        next += node.next?.targets ?? []
        return next
    }

    private func reachability() -> [Diagnostic] {
        guard nodes[start] != nil else { return [] }
        var reached: Set<String> = [start]
        var queue = [start]
        while let id = queue.popLast() {
            for target in successors(id) where !reached.contains(target) {
                reached.insert(target)
                if nodes[target] != nil { queue.append(target) }
            }
        }
        var problems: [Diagnostic] = []
        for id in nodes.keys.sorted() where !reached.contains(id) {
            problems.append(at([.key("nodes"), .key(id)], .unreachableNode, "node '\(id)' cannot be reached from the start '\(start)'"))
        }
        if case .scenario(let s) = graph {
            let deadlineEndings = Set(s.value.deadlines.compactMap(\.ending))
            for id in s.value.endings.keys.sorted() where !reached.contains(id) && !deadlineEndings.contains(id) {
                problems.append(at([.key("endings"), .key(id)], .unreachableNode, "ending '\(id)' cannot be reached"))
            }
        }
        // Backwards from the endings: which nodes can finish?
        let endings = self.endings  // built once, not for every successor looked at
        var finishing = Set<String>()
        var changed = true
        while changed {
            changed = false
            for id in nodes.keys where !finishing.contains(id) {
                if successors(id).contains(where: { endings.contains($0) || finishing.contains($0) }) {
                    finishing.insert(id)
                    changed = true
                }
            }
        }
        for id in nodes.keys.sorted() where reached.contains(id) && !finishing.contains(id) {
            problems.append(at([.key("nodes"), .key(id)], .noEnding, "node '\(id)' has no way to \(isFlow ? "return" : "an ending")"))
        }
        return problems
    }

    /// Every rule a scenario trains: its choices' rules, hints, replies (and their rubrics' rules), deadlines, `trains`.
    static func rulesTrained(by scenario: Scenario, flows: [String: Located<Flow>], rubricRules: [String: [String]]) -> Set<String> {
        var rules = Set(scenario.trains + scenario.deadlines.map(\.rule))
        var nodeLists = [scenario.nodes]
        for node in scenario.nodes.values { if let flow = node.call, let f = flows[flow] { nodeLists.append(f.value.nodes) } }
        for list in nodeLists {
            for node in list.values {
                if let hint = node.hint { rules.insert(hint) }
                if let reply = node.reply {
                    if let rule = reply.rule { rules.insert(rule) }
                    rules.formUnion(rubricRules[reply.rubric] ?? [])
                }
                for choice in node.choices ?? [] { if let rule = choice.rule { rules.insert(rule) } }
            }
        }
        return rules
    }
}
