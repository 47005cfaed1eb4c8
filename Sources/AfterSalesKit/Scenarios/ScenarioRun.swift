/// The play of one scenario: which node the trainee is at, the buyer's mood, the simulated clock,
/// the score and everything said so far. A value type driven by `choose`, `reply` and `hint`.
public struct ScenarioRun: Sendable {
    public let scenario: Scenario
    public let flows: [String: Flow]
    public let rules: [String: Rule]
    public var hintsEnabled: Bool

    public private(set) var node: NodeRef
    public private(set) var mood: Int
    public private(set) var clock: SimulatedClock
    public private(set) var points: Int
    public private(set) var followed: [String] = []
    public private(set) var broken: [String] = []
    public private(set) var visits: [String: Int] = [:]
    public private(set) var chosen: Set<String> = []
    public private(set) var lastGrade: GradeReport?
    public private(set) var hintsUsed = 0
    public private(set) var transcript: [TranscriptEntry] = []
    public private(set) var ending: String?
    /// Earned and possible points per skill (rule group).
    public private(set) var skills: [String: SkillScore] = [:]
    private var callStack: [NodeRef] = []
    private var passedDeadlines: Set<String> = []
    private var moodAtLastLine: Int
    private var random: SeededRandom

    /// A node inside the scenario (`flow == nil`) or inside a sub-flow.
    public struct NodeRef: Sendable, Hashable, Codable, CustomStringConvertible {
        public var flow: String?
        public var id: String
        public var description: String { flow.map { "\($0)/\(id)" } ?? id }
    }

    public struct SkillScore: Sendable, Codable, Equatable {
        public var earned: Double
        public var possible: Double
        public var percent: Int { possible > 0 ? Int((100 * max(0, earned) / possible).rounded()) : 100 }
    }

    public enum Step: Sendable {
        case decide(node: String, choices: [OfferedChoice])
        case write(node: String, spec: ReplySpec)
        case ended(id: String, ending: Ending)
    }

    public struct OfferedChoice: Sendable {
        public var number: Int
        public var index: Int
        public var choice: Choice
    }

    public enum RunError: Error, Sendable, Equatable {
        case notAtDecision, notAtReply, noSuchChoice(Int), ended, noHint, hintsOff
    }

    public init(scenario: Scenario, flows: [String: Flow] = [:], rules: [String: Rule] = [:], seed: UInt64 = 0, hints: Bool = true) {
        self.scenario = scenario
        self.flows = flows
        self.rules = rules
        self.hintsEnabled = hints
        self.node = NodeRef(flow: nil, id: scenario.start)
        self.mood = scenario.mood
        self.clock = SimulatedClock(startHour: scenario.startHour)
        self.points = scenario.score
        self.moodAtLastLine = scenario.mood
        self.random = SeededRandom(seed: seed)
        go(to: scenario.start)
    }

    // MARK: - What the trainee sees

    public var step: Step {
        if let ending, let value = scenario.endings[ending] { return .ended(id: ending, ending: value) }
        guard !stuck, let current = nodeValue(node) else { return .decide(node: node.description, choices: []) }
        if let spec = current.reply { return .write(node: node.description, spec: spec) }
        return .decide(node: node.description, choices: offered(current))
    }

    /// True when content with no way on (which the linter rejects) left the run nowhere to go.
    public private(set) var stuck = false

    public var isFinished: Bool { ending != nil || stuck }

    /// The final score: points clamped to 0…100.
    public var score: Int { min(100, max(0, points)) }

    /// Scenario variables plus the live clock, for `{placeholders}`.
    public var variables: [String: String] { scenario.vars }

    /// Deadlines running now with the hours left, soonest first.
    public var activeDeadlines: [(deadline: Deadline, hoursLeft: Double)] {
        scenario.deadlines.filter(isActive).map { ($0, $0.at.value - clock.elapsed) }
            .filter { $0.hoursLeft > 0 }.sorted { $0.hoursLeft < $1.hoursLeft }
    }

    // MARK: - Acting

    /// Takes the choice shown as `number` (1-based).
    public mutating func choose(_ number: Int) throws(RunError) {
        guard !isFinished else { throw .ended }
        guard case .decide(_, let offered) = step else { throw .notAtDecision }
        guard let picked = offered.first(where: { $0.number == number }) else { throw .noSuchChoice(number) }
        automaticMoves = 0
        let choice = picked.choice
        chosen.insert(choiceKey(node, picked.index))
        if let id = choice.id { chosen.insert(id) }
        if let rule = choice.follows { followed.append(rule) }
        if let rule = choice.breaks { broken.append(rule) }
        let best = offered.map(\.choice.effect.points).max() ?? 0
        let skillRule = offered.max { $0.choice.effect.points < $1.choice.effect.points }?.choice.rule ?? choice.rule
        if best > 0 { addSkill(rule: skillRule, earned: Double(max(0, choice.effect.points)), possible: Double(best)) }
        transcript.append(.chose(node: node.description, number: number, text: choice.say.filled(variables), points: choice.effect.points,
                                 follows: choice.follows, breaks: choice.breaks, feedback: choice.feedback.filled(variables)))
        apply(choice.effect)
        guard !deadlineEnded() else { return }
        follow(choice.next)
    }

    /// Records a graded written reply and moves on.
    public mutating func reply(_ text: String, grade: GradeReport) throws(RunError) {
        guard !isFinished else { throw .ended }
        guard case .write(_, let spec) = step else { throw .notAtReply }
        automaticMoves = 0
        lastGrade = grade
        let earned = Int((Double(spec.points) * Double(grade.score) / 100).rounded())
        if spec.points > 0 { addSkill(rule: spec.rule, earned: Double(earned), possible: Double(spec.points)) }
        for violation in grade.violations where !violation.rule.isEmpty { broken.append(violation.rule) }
        if grade.verdict == .good, let rule = spec.rule { followed.append(rule) }
        transcript.append(.replied(node: node.description, text: text, grade: grade, points: earned))
        var effect = Effect(points: earned, mood: 0, clock: spec.clock ?? Hours(0))
        if let moodEffect = spec.effect {
            // `mood: 20` means a good reply calms the buyer by 20 and a bad one angers them by 20.
            effect.mood = grade.verdict == .good ? -moodEffect.mood : grade.verdict == .bad ? moodEffect.mood : 0
        }
        apply(effect)
        guard !deadlineEnded() else { return }
        follow(nodeValue(node)?.next ?? Transition(scenario.start))
    }

    /// The rule relevant here, without the answer; costs `hint_cost` points.
    public mutating func hint() throws(RunError) -> Rule {
        guard hintsEnabled else { throw .hintsOff }
        guard !isFinished, let current = nodeValue(node) else { throw .ended }
        let ruleID = current.hint ?? current.reply?.rule
            ?? offered(current).max { $0.choice.effect.points < $1.choice.effect.points }?.choice.rule
        guard let ruleID, let rule = rules[ruleID] else { throw .noHint }
        hintsUsed += 1
        points -= scenario.hintCost
        transcript.append(.hint(node: node.description, rule: ruleID, cost: scenario.hintCost))
        return rule
    }

    // MARK: - Moving

    private mutating func follow(_ transition: Transition) {
        for branch in transition.branches {
            if let text = branch.when {
                guard let condition = try? Condition.parse(text), condition.isTrue(in: self) else { continue }
            }
            go(to: branch.go)
            return
        }
        // The linter requires a final unconditional branch; without one the run ends where it is.
        if let fallback = scenario.endings.keys.sorted().first { end(fallback) }
    }

    /// Moves without a decision in between (pass-through nodes, sub-flow returns) since the last action;
    /// bounded so that a cycle of pass-through nodes stops instead of recursing forever.
    private var automaticMoves = 0

    private mutating func go(to target: String) {
        automaticMoves += 1
        guard automaticMoves < 64 else {
            stuck = true
            return
        }
        if target == "return", node.flow != nil, let caller = callStack.popLast() {
            node = caller
            follow(nodeValue(caller)?.next ?? Transition(scenario.start))
            return
        }
        if scenario.endings[target] != nil {
            end(target)
            return
        }
        enter(NodeRef(flow: node.flow, id: target))
    }

    private mutating func enter(_ ref: NodeRef) {
        guard let value = nodeValue(ref) else {
            stuck = true
            return
        }
        node = ref
        visits[ref.description, default: 0] += 1
        if let effect = value.effect {
            apply(effect)
            if deadlineEnded() { return }
        }
        if let narration = value.narration { transcript.append(.narration(narration.filled(variables))) }
        if let buyer = value.buyer { transcript.append(.buyer(Template.fill(pickLine(buyer), variables))) }
        if let flow = value.call, let target = flows[flow] {
            callStack.append(ref)
            node = NodeRef(flow: flow, id: target.start)
            enter(NodeRef(flow: flow, id: target.start))
            return
        }
        if value.choices == nil, value.reply == nil, let next = value.next {
            follow(next)
            return
        }
        switch step {
        case .decide(let id, let offered):
            transcript.append(.decision(node: id, choices: offered.map { $0.choice.say.filled(variables) }))
        case .write(let id, let spec):
            transcript.append(.replyRequested(node: id, prompt: spec.prompt.filled(variables), rubric: spec.rubric))
        case .ended: break
        }
    }

    private mutating func end(_ id: String) {
        ending = id
        if let value = scenario.endings[id] {
            transcript.append(.ended(ending: id, outcome: value.outcome, text: value.text.filled(variables)))
        }
    }

    private mutating func apply(_ effect: Effect) {
        points += effect.points
        mood = min(100, max(0, mood + effect.mood))
        clock.elapsed += effect.clock.value
    }

    /// Records every running deadline the clock has passed (once each, as a broken rule); if one of them
    /// carries a marketplace decision, the run ends there.
    private mutating func deadlineEnded() -> Bool {
        for deadline in scenario.deadlines.sorted(by: { $0.at < $1.at }) where isActive(deadline) && clock.elapsed > deadline.at.value {
            guard !passedDeadlines.contains(deadline.id) else { continue }
            passedDeadlines.insert(deadline.id)
            broken.append(deadline.rule)
            transcript.append(.deadlinePassed(id: deadline.id, rule: deadline.rule, label: deadline.label.filled(variables)))
            if let ending = deadline.ending {
                end(ending)
                return true
            }
        }
        return false
    }

    private func isActive(_ deadline: Deadline) -> Bool {
        if let from = deadline.from, visits[from] == nil { return false }
        if let until = deadline.until, visits[until] != nil { return false }
        return true
    }

    /// The node a transcript names (`id` or `flow/id`).
    public func node(named name: String) -> Node? {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        return nodeValue(parts.count == 2 ? NodeRef(flow: parts[0], id: parts[1]) : NodeRef(flow: nil, id: name))
    }

    private func nodeValue(_ ref: NodeRef) -> Node? {
        if let flow = ref.flow { return flows[flow]?.nodes[ref.id] }
        return scenario.nodes[ref.id]
    }

    /// Choices on show: conditions hold, once-only ones not yet taken; fallbacks only when nothing else is left.
    private func offered(_ value: Node) -> [OfferedChoice] {
        let all = (value.choices ?? []).enumerated().filter { index, choice in
            if choice.kind == .once, chosen.contains(choiceKey(node, index)) { return false }
            if let text = choice.when { return (try? Condition.parse(text))?.isTrue(in: self) ?? false }
            return true
        }
        var shown = all.filter { $0.element.kind != .fallback }
        if shown.isEmpty { shown = all.filter { $0.element.kind == .fallback } }
        return shown.enumerated().map { OfferedChoice(number: $0.offset + 1, index: $0.element.offset, choice: $0.element.element) }
    }

    private func choiceKey(_ ref: NodeRef, _ index: Int) -> String { "\(ref)#\(index)" }

    private mutating func pickLine(_ lines: BuyerLines) -> String {
        let delta = mood - moodAtLastLine
        moodAtLastLine = mood
        let pool = delta <= -5 ? lines.calmer : delta >= 5 ? lines.angrier : lines.same
        guard pool.count > 1 else { return pool.first ?? "" }
        return pool[Int(random.next() % UInt64(pool.count))]
    }

    private mutating func addSkill(rule: String?, earned: Double, possible: Double) {
        let group = rule.flatMap { rules[$0]?.group } ?? scenario.topic
        skills[group, default: SkillScore(earned: 0, possible: 0)].earned += earned
        skills[group, default: SkillScore(earned: 0, possible: 0)].possible += possible
    }
}

extension ScenarioRun: ConditionContext {
    public func value(of name: String) -> Double {
        switch name {
        case "mood": return Double(mood)
        case "clock": return clock.elapsed
        case "score": return Double(points)
        case "grade": return Double(lastGrade?.score ?? 0)
        case "hints": return Double(hintsUsed)
        default: return 0
        }
    }

    public func call(_ function: String, _ argument: String) -> Double {
        let result: Bool
        switch function {
        case "visits": return Double(visits[argument] ?? visits["\(node.flow ?? "")/\(argument)"] ?? 0)
        case "chose": result = chosen.contains(argument)
        case "fired": result = lastGrade?.fired(argument) ?? false
        case "met": result = lastGrade?.met(argument) ?? false
        case "followed": result = followed.contains(argument)
        case "broke": result = broken.contains(argument)
        default: result = false
        }
        return result ? 1 : 0
    }
}

extension Localized {
    /// Both languages with `{placeholders}` filled.
    public func filled(_ values: [String: String]) -> Localized {
        Localized(en: en.map { Template.fill($0, values) }, zh: zh.map { Template.fill($0, values) })
    }
}
