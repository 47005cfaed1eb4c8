/// One transcript re-graded: every item's points with the evidence behind them.
public struct GradedAttempt: Sendable, Codable {
    public var file: String
    public var exam: String
    public var trainee: String
    public var attempt: Int
    public var started: String
    public var reason: ExamEvent.Reason?
    /// Seconds from start to hand-in (capped at the time limit plus grace when time ran out).
    public var timeUsed: Double?
    public var items: [ItemResult]
    public var earned: Double
    public var possible: Double
    /// 0–100.
    public var percent: Double
    public var topics: [String: TopicScore]
    public var flags: [ExamFlag]
    public var overrides: [AppliedOverride]
    public var decisions: [DecisionRecord]
    public var ruleBreaks: [RuleBreak]

    /// False when an error flag makes the transcript untrustworthy.
    public var trusted: Bool { !flags.contains { $0.severity == .error } }

    public func item(_ id: String) -> ItemResult? { items.first { $0.id == id } }
}

public struct TopicScore: Sendable, Codable, Equatable {
    public var earned: Double
    public var possible: Double
    public var percent: Double { possible > 0 ? 100 * earned / possible : 0 }
}

public struct ItemResult: Sendable, Codable {
    public var id: String
    public var kind: ExamPlanItem.Kind
    public var topic: String
    /// Most points the item is worth.
    public var points: Double
    /// Points after any override.
    public var earned: Double
    /// Points the content and grader give, before overrides.
    public var computed: Double
    public var answered: Bool
    public var overridden: Bool
    // scenarios
    public var finished: Bool?
    public var ending: String?
    /// The scenario score counted (0–100); for an unfinished run, only what was added to its starting score.
    public var scenarioScore: Int?
    public var replies: [ReplyResult]
    // quiz
    public var answer: String?
    public var correct: Bool?

    /// Earned share of the item, 0–1.
    public var share: Double { points > 0 ? earned / points : 0 }
}

public struct ReplyResult: Sendable, Codable {
    public var node: String
    public var text: String
    public var partial: Bool
    public var grade: GradeReport
}

/// What a trainee chose at one decision point (first visit in the attempt).
public struct DecisionRecord: Sendable, Codable, Equatable {
    public var scenario: String
    public var node: String
    public var number: Int
    public var text: String
    /// The choices as offered at that moment, in the trainee's language.
    public var offered: [String]
    public var points: Int
    /// Points of the best and the worst choice offered.
    public var best: Int
    public var worst: Int
    /// How good the choice was among those offered: 1 for the best, 0 for the worst.
    public var share: Double
}

/// One rule a trainee broke, with what shows it.
public struct RuleBreak: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable { case choice, reply, deadline, quiz }
    public var rule: String
    public var item: String
    public var source: Source
    /// The choice text, the offending words of a reply, the missed deadline, or the wrong quiz answer.
    public var evidence: String
}

public struct AppliedOverride: Sendable, Codable, Equatable {
    public var item: String
    public var before: Double
    public var after: Double
    public var reason: String
    public var at: String
    public var by: String?
}
