/// The result of grading one written reply: the score, the verdict and the evidence for each point.
public struct GradeReport: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable { case good, acceptable, bad }

    public var rubric: String
    public var score: Int
    public var verdict: Verdict
    public var criteria: [CriterionResult]
    public var violations: [ViolationResult]
    public var feedback: [String]
    /// True when the reply was not graded but refused (empty, binary…); `feedback` says why.
    public var refused: Bool
    /// How the score was reached, line by line, for `--explain` and `why` (nil for refused replies).
    public var arithmetic: GradeArithmetic?

    public init(rubric: String, score: Int, verdict: Verdict, criteria: [CriterionResult] = [],
                violations: [ViolationResult] = [], feedback: [String] = [], refused: Bool = false,
                arithmetic: GradeArithmetic? = nil) {
        self.rubric = rubric
        self.score = score
        self.verdict = verdict
        self.criteria = criteria
        self.violations = violations
        self.feedback = feedback
        self.refused = refused
        self.arithmetic = arithmetic
    }

    public static func verdict(for score: Int, critical: Bool) -> Verdict {
        if critical { return .bad }
        return score >= 80 ? .good : score >= 50 ? .acceptable : .bad
    }

    /// Whether a criterion was met or a violation fired, by id.
    public func met(_ criterion: String) -> Bool { criteria.contains { $0.id == criterion && $0.met } }
    public func fired(_ violation: String) -> Bool { violations.contains { $0.id == violation } }
}

/// A quoted span of the trainee's reply; offsets count Unicode code points of the input.
public struct Evidence: Sendable, Codable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

public struct CriterionResult: Sendable, Codable, Equatable {
    public var id: String
    public var met: Bool
    public var rule: String
    public var weight: Double
    public var evidence: [Evidence]
    /// What to write instead, when not met.
    public var fix: String?

    public init(id: String, met: Bool, rule: String, weight: Double, evidence: [Evidence] = [], fix: String? = nil) {
        self.id = id
        self.met = met
        self.rule = rule
        self.weight = weight
        self.evidence = evidence
        self.fix = fix
    }
}

public struct ViolationResult: Sendable, Codable, Equatable {
    public var id: String
    public var rule: String
    public var critical: Bool
    public var penalty: Double
    public var evidence: [Evidence]
    public var fix: String?

    public init(id: String, rule: String, critical: Bool, penalty: Double, evidence: [Evidence] = [], fix: String? = nil) {
        self.id = id
        self.rule = rule
        self.critical = critical
        self.penalty = penalty
        self.evidence = evidence
        self.fix = fix
    }
}

/// Anything that can grade a reply against a rubric; the scenario runner asks one of these.
public protocol ReplyGrading: Sendable {
    func grade(_ reply: String, rubric: String, variables: [String: String], context: [String: String], language: Language) -> GradeReport
}
