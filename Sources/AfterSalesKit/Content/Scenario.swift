/// A scripted conversation with a buyer: nodes where the trainee acts, and endings.
public struct Scenario: Sendable, Codable, Identifiable {
    public var id: String
    public var title: Localized
    /// claims | apology | returns | reviews | escalation
    public var topic: String
    /// 1 (first week) … 3 (hard cases).
    public var difficulty: Int
    public var summary: Localized?
    /// Values substituted into `{name}` placeholders in every text: buyer, order, product, price, dates…
    public var vars: [String: String]
    /// The buyer's mood when the scenario opens: 0 calm … 100 furious.
    public var mood: Int
    /// Score before the first decision; choices add or subtract points from here.
    public var score: Int
    /// Points a hint costs.
    public var hintCost: Int
    /// Hour of day on the simulated clock when the scenario opens (day 1).
    public var startHour: Double
    public var deadlines: [Deadline]
    public var start: String
    public var nodes: [String: Node]
    public var endings: [String: Ending]
    /// Rules this scenario trains beyond the ones its choices cite (e.g. through its reply rubric).
    public var trains: [String]

    enum CodingKeys: String, CodingKey {
        case id, title, topic, difficulty, summary, vars, mood, score, deadlines, start, nodes, endings, trains
        case hintCost = "hint_cost"
        case startHour = "start_hour"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(Localized.self, forKey: .title)
        topic = try c.decode(String.self, forKey: .topic)
        difficulty = try c.decodeIfPresent(Int.self, forKey: .difficulty) ?? 1
        summary = try c.decodeIfPresent(Localized.self, forKey: .summary)
        vars = try c.decodeIfPresent([String: String].self, forKey: .vars) ?? [:]
        mood = try c.decodeIfPresent(Int.self, forKey: .mood) ?? 50
        score = try c.decodeIfPresent(Int.self, forKey: .score) ?? 0
        hintCost = try c.decodeIfPresent(Int.self, forKey: .hintCost) ?? 5
        startHour = try c.decodeIfPresent(Double.self, forKey: .startHour) ?? 9
        deadlines = try c.decodeIfPresent([Deadline].self, forKey: .deadlines) ?? []
        start = try c.decode(String.self, forKey: .start)
        nodes = try c.decode([String: Node].self, forKey: .nodes)
        endings = try c.decode([String: Ending].self, forKey: .endings)
        trains = try c.decodeIfPresent([String].self, forKey: .trains) ?? []
    }
}

/// A real marketplace deadline running on the simulated clock.
public struct Deadline: Sendable, Codable, Hashable {
    public var id: String
    /// Hours after the scenario opens when the deadline passes.
    public var at: Hours
    /// The policy rule that sets it.
    public var rule: String
    /// What must happen before it passes, e.g. "answer the buyer" (shown as "31 h left to …").
    public var label: Localized
    /// Ending reached as soon as the clock passes the deadline, if the marketplace decides then.
    public var ending: String?
    /// Node from which the deadline is shown and enforced; before it the deadline is not yet running.
    public var from: String?
    /// Node after which the deadline no longer matters (the thing was done).
    public var until: String?
}

/// One step of a scenario: the buyer (or the marketplace) says something and the trainee acts.
public struct Node: Sendable, Codable {
    /// What the buyer writes. May vary with the mood change since the last node and by seeded variant.
    public var buyer: BuyerLines?
    /// Narration from the trainer: a notification arrives, a tracking page shows something.
    public var narration: Localized?
    public var choices: [Choice]?
    public var reply: ReplySpec?
    /// Enters a reusable sub-flow, which comes back to `next` when it ends.
    public var call: String?
    /// Where to go after a reply, a call or a narration-only node.
    public var next: Transition?
    /// Rule the `hint` command shows here (defaults to the rule of the best choice).
    public var hint: String?
    /// Changes applied on arrival (e.g. time passing while waiting for the carrier).
    public var effect: Effect?
}

/// Buyer text, written in English as on the marketplace.
public struct BuyerLines: Sendable, Codable {
    public var calmer: [String]
    public var same: [String]
    public var angrier: [String]

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let text = try? single.decode(String.self) {
                calmer = [text]; same = [text]; angrier = [text]
                return
            }
            if let list = try? single.decode([String].self) {
                calmer = list; same = list; angrier = list
                return
            }
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let same = try c.decode(Variants.self, forKey: .same).lines
        self.same = same
        calmer = try c.decodeIfPresent(Variants.self, forKey: .calmer)?.lines ?? same
        angrier = try c.decodeIfPresent(Variants.self, forKey: .angrier)?.lines ?? same
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(calmer, forKey: .calmer)
        try c.encode(same, forKey: .same)
        try c.encode(angrier, forKey: .angrier)
    }

    public var all: [String] { calmer + same + angrier }

    enum CodingKeys: String, CodingKey { case calmer, same, angrier }

    private struct Variants: Decodable {
        var lines: [String]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let text = try? c.decode(String.self) { lines = [text] } else { lines = try c.decode([String].self) }
        }
    }
}

/// Whether a choice disappears once taken, stays, or only shows when nothing else is left (as in ink).
public enum ChoiceKind: String, Sendable, Codable {
    case once, sticky, fallback
}

public struct Choice: Sendable, Codable {
    /// Optional id, so conditions can ask `chose(id)`.
    public var id: String?
    public var say: Localized
    public var effect: Effect
    /// The rule this choice follows…
    public var follows: String?
    /// …or breaks.
    public var breaks: String?
    /// Why, in the trainee's language.
    public var feedback: Localized
    public var next: Transition
    public var kind: ChoiceKind
    /// Shown only when this condition holds.
    public var when: String?

    enum CodingKeys: String, CodingKey { case id, say, effect, follows, breaks, feedback, next, kind, when = "if" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        say = try c.decode(Localized.self, forKey: .say)
        effect = try c.decodeIfPresent(Effect.self, forKey: .effect) ?? Effect()
        follows = try c.decodeIfPresent(String.self, forKey: .follows)
        breaks = try c.decodeIfPresent(String.self, forKey: .breaks)
        feedback = try c.decode(Localized.self, forKey: .feedback)
        next = try c.decode(Transition.self, forKey: .next)
        kind = try c.decodeIfPresent(ChoiceKind.self, forKey: .kind) ?? .once
        when = try c.decodeIfPresent(String.self, forKey: .when)
    }

    /// The rule cited in feedback, whichever way the choice relates to it.
    public var rule: String? { follows ?? breaks }
}

public struct Effect: Sendable, Codable, Hashable {
    public var points: Int
    public var mood: Int
    public var clock: Hours

    public init(points: Int = 0, mood: Int = 0, clock: Hours = Hours(0)) {
        self.points = points
        self.mood = mood
        self.clock = clock
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        points = try c.decodeIfPresent(Int.self, forKey: .points) ?? 0
        mood = try c.decodeIfPresent(Int.self, forKey: .mood) ?? 0
        clock = try c.decodeIfPresent(Hours.self, forKey: .clock) ?? Hours(0)
    }

    enum CodingKeys: String, CodingKey { case points, mood, clock }
}

/// A written reply the trainee types, graded by a rubric.
public struct ReplySpec: Sendable, Codable {
    public var rubric: String
    public var prompt: Localized
    /// A model answer shown beside the trainee's after grading.
    public var model: String?
    /// The most this reply adds to the score (earned in proportion to the grade).
    public var points: Int
    /// Mood change for a good (≥ 80) and a bad (< 50) grade.
    public var effect: Effect?
    public var clock: Hours?
    /// Grader context, e.g. `feedback_kind: seller-feedback` where one neutral update sentence is allowed.
    public var context: [String: String]?
    /// Rules the reply trains, cited in feedback when the grade is low.
    public var rule: String?

    enum CodingKeys: String, CodingKey { case rubric, prompt, model, points, effect, clock, context, rule }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rubric = try c.decode(String.self, forKey: .rubric)
        prompt = try c.decode(Localized.self, forKey: .prompt)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        points = try c.decodeIfPresent(Int.self, forKey: .points) ?? 0
        effect = try c.decodeIfPresent(Effect.self, forKey: .effect)
        clock = try c.decodeIfPresent(Hours.self, forKey: .clock)
        context = try c.decodeIfPresent([String: String].self, forKey: .context)
        rule = try c.decodeIfPresent(String.self, forKey: .rule)
    }
}

/// Where to go next: one target, or the first branch whose condition holds.
public struct Transition: Sendable, Codable {
    public struct Branch: Sendable, Codable {
        public var when: String?
        public var go: String
        enum CodingKeys: String, CodingKey { case when = "if", go }
    }

    public var branches: [Branch]

    public init(_ target: String) { branches = [Branch(when: nil, go: target)] }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let target = try? c.decode(String.self) {
            branches = [Branch(when: nil, go: target)]
        } else {
            branches = try c.decode([Branch].self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(branches)
    }

    public var targets: [String] { branches.map(\.go) }
}

public struct Ending: Sendable, Codable {
    /// resolved | refunded-at-loss | claim-granted | review-removed | escalated | …
    public var outcome: String
    public var text: Localized
    /// Whether this outcome counts against the Order Defect Rate.
    public var odr: Bool?
    /// A closing lesson beside the debrief derived from the rules followed and broken.
    public var lesson: Localized?
}

/// A reusable stretch of nodes (e.g. "check the order and tracking") that several scenarios enter.
/// Its transitions may go to `return`, which goes back to the calling node's `next`.
public struct Flow: Sendable, Codable, Identifiable {
    public var id: String
    public var title: Localized?
    public var start: String
    public var nodes: [String: Node]
}
