import Yams

/// Decodes scenarios and sub-flows straight from the YAML tree. Codable through Yams looks every key up by
/// building and comparing `Node`s and costs about half of loading a scenario; this reads each mapping once.
///
/// It accepts only the plain shapes content is written in (keys that are text, decimal numbers, `true` /
/// `false`, no nulls, no merge keys; tags are ignored, as Codable through Yams ignores them for these types). For anything else, and for anything wrong, it gives
/// up (returns nil) and `YAMLDocument.decode` runs the Codable decoder, which yields the same value or the
/// positioned error message. So both paths agree wherever this one answers.
enum ScenarioFastDecoding {
    struct GiveUp: Error {}

    static func scenario(_ node: Yams.Node) -> Scenario? { try? Self.scenarioValue(node) }

    static func flow(_ node: Yams.Node) -> Flow? { try? Self.flowValue(node) }

    /// A string table (`Content/strings/*.yaml`): Codable looks each of its hundreds of keys up by a linear search.
    static func stringTable(_ node: Yams.Node) -> [String: String]? { try? Self.stringMap(node) }

    // MARK: - Model

    private static func scenarioValue(_ node: Yams.Node) throws(GiveUp) -> Scenario {
        let m = try Fields(node)
        return Scenario(
            id: try string(m.required("id")),
            title: try localized(m.required("title")),
            topic: try string(m.required("topic")),
            difficulty: try m["difficulty"].map(int) ?? 1,
            summary: try m["summary"].map(localized),
            vars: try m["vars"].map(stringMap) ?? [:],
            mood: try m["mood"].map(int) ?? 50,
            score: try m["score"].map(int) ?? 0,
            hintCost: try m["hint_cost"].map(int) ?? 5,
            startHour: try m["start_hour"].map(double) ?? 9,
            deadlines: try m["deadlines"].map { n throws(GiveUp) in try list(n, deadline) } ?? [],
            start: try string(m.required("start")),
            nodes: try map(m.required("nodes"), graphNode),
            endings: try map(m.required("endings"), ending),
            trains: try m["trains"].map { n throws(GiveUp) in try list(n, string) } ?? [])
    }

    private static func flowValue(_ node: Yams.Node) throws(GiveUp) -> Flow {
        let m = try Fields(node)
        return Flow(id: try string(m.required("id")), title: try m["title"].map(localized), start: try string(m.required("start")),
                    nodes: try map(m.required("nodes"), graphNode))
    }

    private static func deadline(_ node: Yams.Node) throws(GiveUp) -> Deadline {
        let m = try Fields(node)
        return Deadline(id: try string(m.required("id")), at: try hours(m.required("at")), rule: try string(m.required("rule")),
                        label: try localized(m.required("label")), ending: try m["ending"].map(string),
                        from: try m["from"].map(string), until: try m["until"].map(string))
    }

    private static func graphNode(_ node: Yams.Node) throws(GiveUp) -> Node {
        let m = try Fields(node)
        return Node(buyer: try m["buyer"].map(buyerLines), narration: try m["narration"].map(localized),
                    choices: try m["choices"].map { n throws(GiveUp) in try list(n, choice) }, reply: try m["reply"].map(reply),
                    call: try m["call"].map(string), next: try m["next"].map(transition), hint: try m["hint"].map(string),
                    effect: try m["effect"].map(effect))
    }

    private static func buyerLines(_ node: Yams.Node) throws(GiveUp) -> BuyerLines {
        if case .scalar = node { let text = try string(node); return BuyerLines(calmer: [text], same: [text], angrier: [text]) }
        if case .sequence = node { let lines = try list(node, string); return BuyerLines(calmer: lines, same: lines, angrier: lines) }
        let m = try Fields(node)
        let same = try variants(m.required("same"))
        return BuyerLines(calmer: try m["calmer"].map(variants) ?? same, same: same, angrier: try m["angrier"].map(variants) ?? same)
    }

    private static func variants(_ node: Yams.Node) throws(GiveUp) -> [String] {
        if case .scalar = node { return [try string(node)] }
        return try list(node, string)
    }

    private static func choice(_ node: Yams.Node) throws(GiveUp) -> Choice {
        let m = try Fields(node)
        var kind = ChoiceKind.once
        if let given = m["kind"] {
            guard let known = ChoiceKind(rawValue: try string(given)) else { throw GiveUp() }
            kind = known
        }
        return Choice(id: try m["id"].map(string), say: try localized(m.required("say")), effect: try m["effect"].map(effect) ?? Effect(),
                      follows: try m["follows"].map(string), breaks: try m["breaks"].map(string),
                      feedback: try localized(m.required("feedback")), next: try transition(m.required("next")), kind: kind,
                      when: try m["if"].map(string))
    }

    private static func effect(_ node: Yams.Node) throws(GiveUp) -> Effect {
        let m = try Fields(node)
        return Effect(points: try m["points"].map(int) ?? 0, mood: try m["mood"].map(int) ?? 0, clock: try m["clock"].map(hours) ?? Hours(0))
    }

    private static func reply(_ node: Yams.Node) throws(GiveUp) -> ReplySpec {
        let m = try Fields(node)
        return ReplySpec(rubric: try string(m.required("rubric")), prompt: try localized(m.required("prompt")),
                         model: try m["model"].map(string), points: try m["points"].map(int) ?? 0, effect: try m["effect"].map(effect),
                         clock: try m["clock"].map(hours), context: try m["context"].map(stringMap), rule: try m["rule"].map(string))
    }

    private static func transition(_ node: Yams.Node) throws(GiveUp) -> Transition {
        if case .scalar = node { return Transition(try string(node)) }
        return Transition(branches: try list(node) { n throws(GiveUp) in
            let m = try Fields(n)
            return Transition.Branch(when: try m["if"].map(string), go: try string(m.required("go")))
        })
    }

    private static func ending(_ node: Yams.Node) throws(GiveUp) -> Ending {
        let m = try Fields(node)
        return Ending(outcome: try string(m.required("outcome")), text: try localized(m.required("text")), odr: try m["odr"].map(bool),
                      lesson: try m["lesson"].map(localized))
    }

    private static func localized(_ node: Yams.Node) throws(GiveUp) -> Localized {
        if case .scalar = node { return Localized(en: try string(node), zh: nil) }
        let m = try Fields(node)
        return Localized(en: try m["en"].map(string), zh: try m["zh"].map(string))
    }

    // MARK: - Shapes

    /// A mapping's entries by key text. Keys that are not plain text (or are merge keys) give up.
    private struct Fields {
        // Keys and values apart: looking a key up compares strings without copying the `Node`s passed over.
        var keys: [String] = []
        var values: [Yams.Node] = []

        init(_ node: Yams.Node) throws(GiveUp) {
            guard case .mapping(let mapping) = node else { throw GiveUp() }
            keys.reserveCapacity(mapping.count)
            values.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key, scalar.string != "<<", key.tag.description == Self.textTag else { throw GiveUp() }
                keys.append(scalar.string)
                values.append(value)
            }
        }

        static let textTag = Tag.Name.str.rawValue

        subscript(_ key: String) -> Yams.Node? {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }

        func required(_ key: String) throws(GiveUp) -> Yams.Node {
            guard let value = self[key] else { throw GiveUp() }
            return value
        }
    }

    /// Text; a null (`~`, `null`, empty) gives up, as Codable treats it as no value.
    private static func string(_ node: Yams.Node) throws(GiveUp) -> String {
        guard case .scalar(let scalar) = node else { throw GiveUp() }
        if scalar.style == .plain {
            switch scalar.string {
            case "", "~", "null", "Null", "NULL": throw GiveUp()
            default: break
            }
        }
        return scalar.string
    }

    /// A plain decimal integer without sign, leading zero or underscore.
    private static func int(_ node: Yams.Node) throws(GiveUp) -> Int {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { throw GiveUp() }
        let text = scalar.string.utf8
        let digits = text.first == UInt8(ascii: "-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            digits.count == 1 || digits.first != UInt8(ascii: "0"), let value = Int(scalar.string)
        else { throw GiveUp() }
        return value
    }

    private static func double(_ node: Yams.Node) throws(GiveUp) -> Double {
        let text = try decimal(node)
        guard let value = Double(text) else { throw GiveUp() }
        return value
    }

    /// `20`, `1.5`, `30m`, `2h`, `3d`: the forms `Hours` reads either as a number or as text.
    private static func hours(_ node: Yams.Node) throws(GiveUp) -> Hours {
        guard case .scalar(let scalar) = node else { throw GiveUp() }
        var text = Substring(scalar.string)
        if let last = text.last, last == "m" || last == "h" || last == "d" { text = text.dropLast() }
        guard isDecimal(text), let parsed = Hours.parse(scalar.string) else { throw GiveUp() }
        if scalar.string.count == text.count && scalar.style != .plain { throw GiveUp() }
        return parsed
    }

    private static func decimal(_ node: Yams.Node) throws(GiveUp) -> String {
        guard case .scalar(let scalar) = node, scalar.style == .plain, isDecimal(Substring(scalar.string))
        else { throw GiveUp() }
        return scalar.string
    }

    /// `-?digits(.digits)?` with no leading zero before more digits.
    private static func isDecimal(_ text: Substring) -> Bool {
        var rest = text.utf8[...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let whole = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !whole.isEmpty, whole.count == 1 || whole.first != UInt8(ascii: "0") else { return false }
        rest = rest.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func bool(_ node: Yams.Node) throws(GiveUp) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { throw GiveUp() }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default: throw GiveUp()
        }
    }

    private static func list<T>(_ node: Yams.Node, _ item: (Yams.Node) throws(GiveUp) -> T) throws(GiveUp) -> [T] {
        guard case .sequence(let sequence) = node else { throw GiveUp() }
        var result: [T] = []
        result.reserveCapacity(sequence.count)
        for element in sequence { result.append(try item(element)) }
        return result
    }

    private static func map<T>(_ node: Yams.Node, _ value: (Yams.Node) throws(GiveUp) -> T) throws(GiveUp) -> [String: T] {
        let fields = try Fields(node)
        var result: [String: T] = [:]
        result.reserveCapacity(fields.keys.count)
        for index in fields.keys.indices { result[fields.keys[index]] = try value(fields.values[index]) }
        return result
    }

    private static func stringMap(_ node: Yams.Node) throws(GiveUp) -> [String: String] { try map(node, string) }
}

// Memberwise initialisers for the types whose Codable initialiser hides the synthesised one.
extension Scenario {
    init(id: String, title: Localized, topic: String, difficulty: Int, summary: Localized?, vars: [String: String], mood: Int,
         score: Int, hintCost: Int, startHour: Double, deadlines: [Deadline], start: String, nodes: [String: Node],
         endings: [String: Ending], trains: [String]) {
        self.id = id
        self.title = title
        self.topic = topic
        self.difficulty = difficulty
        self.summary = summary
        self.vars = vars
        self.mood = mood
        self.score = score
        self.hintCost = hintCost
        self.startHour = startHour
        self.deadlines = deadlines
        self.start = start
        self.nodes = nodes
        self.endings = endings
        self.trains = trains
    }
}

extension BuyerLines {
    init(calmer: [String], same: [String], angrier: [String]) {
        self.calmer = calmer
        self.same = same
        self.angrier = angrier
    }
}

extension Choice {
    init(id: String?, say: Localized, effect: Effect, follows: String?, breaks: String?, feedback: Localized, next: Transition,
         kind: ChoiceKind, when: String?) {
        self.id = id
        self.say = say
        self.effect = effect
        self.follows = follows
        self.breaks = breaks
        self.feedback = feedback
        self.next = next
        self.kind = kind
        self.when = when
    }
}

extension ReplySpec {
    init(rubric: String, prompt: Localized, model: String?, points: Int, effect: Effect?, clock: Hours?, context: [String: String]?,
         rule: String?) {
        self.rubric = rubric
        self.prompt = prompt
        self.model = model
        self.points = points
        self.effect = effect
        self.clock = clock
        self.context = context
        self.rule = rule
    }
}

extension Transition {
    init(branches: [Branch]) { self.branches = branches }
}
