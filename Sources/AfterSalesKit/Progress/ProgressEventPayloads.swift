/// The bodies of the progress events, one struct per `type`. Field names match the JSON keys.

/// Whether a scenario was played for practice or inside an exam. A string-backed value rather than a closed enum,
/// so that a mode added by a later version does not make older lines unreadable.
public struct PlayMode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let practice = PlayMode(rawValue: "practice")
    public static let exam = PlayMode(rawValue: "exam")
    public var description: String { rawValue }
}

/// `scenario.started`: a run began.
public struct ScenarioStarted: Sendable, Equatable {
    public var time: Timestamp
    public var scenario: String
    /// The run's random seed, so the run can be reproduced.
    public var seed: UInt64
    public var mode: PlayMode

    public init(time: Timestamp, scenario: String, seed: UInt64, mode: PlayMode = .practice) {
        self.time = time
        self.scenario = scenario
        self.seed = seed
        self.mode = mode
    }
}

/// `choice.made`: the trainee picked a numbered choice; `follows`/`breaks` name the rule the choice obeys or breaks.
public struct ChoiceMade: Sendable, Equatable {
    public var time: Timestamp
    public var scenario: String
    public var node: String
    /// The 1-based number as shown.
    public var number: Int
    public var points: Int
    public var follows: String?
    public var breaks: String?

    public init(time: Timestamp, scenario: String, node: String, number: Int, points: Int,
                follows: String? = nil, breaks: String? = nil) {
        self.time = time
        self.scenario = scenario
        self.node = node
        self.number = number
        self.points = points
        self.follows = follows
        self.breaks = breaks
    }
}

/// `reply.graded`: a written reply and its grade (inside a scenario, or a free-standing `grade` exercise).
public struct ReplyGraded: Sendable, Equatable {
    public var time: Timestamp
    public var scenario: String?
    public var node: String?
    public var rubric: String
    /// The reply exactly as written: the trainee's own record, and what an instructor may re-grade.
    public var text: String
    public var score: Int
    /// good | acceptable | bad.
    public var verdict: String
    /// Ids of the rubric violations that fired.
    public var violations: [String]
    /// Ids of the rubric criteria not met.
    public var missed: [String]
    /// Rule ids broken: those of the violations fired and of the criteria missed.
    public var rules: [String]
    /// Rule ids of the criteria met (and not also broken). Not in the field list; added because mastery
    /// needs positive evidence from replies, not only the rules broken. Absent in a line means none.
    public var met: [String]

    public init(time: Timestamp, scenario: String? = nil, node: String? = nil, rubric: String, text: String,
                score: Int, verdict: String, violations: [String] = [], missed: [String] = [],
                rules: [String] = [], met: [String] = []) {
        self.time = time
        self.scenario = scenario
        self.node = node
        self.rubric = rubric
        self.text = text
        self.score = score
        self.verdict = verdict
        self.violations = violations
        self.missed = missed
        self.rules = rules
        self.met = met
    }

    /// The event for a grade report: ids in report order, each rule once.
    public init(time: Timestamp, scenario: String? = nil, node: String? = nil, text: String, report: GradeReport) {
        var broken: [String] = []
        for rule in report.violations.map(\.rule) + report.criteria.filter({ !$0.met }).map(\.rule)
        where !rule.isEmpty && !broken.contains(rule) {
            broken.append(rule)
        }
        var met: [String] = []
        for criterion in report.criteria where criterion.met && !criterion.rule.isEmpty
            && !broken.contains(criterion.rule) && !met.contains(criterion.rule) {
            met.append(criterion.rule)
        }
        self.init(time: time, scenario: scenario, node: node, rubric: report.rubric, text: text, score: report.score,
                  verdict: report.verdict.rawValue, violations: report.violations.map(\.id),
                  missed: report.criteria.filter { !$0.met }.map(\.id), rules: broken, met: met)
    }
}

/// `scenario.ended`: a run reached an ending.
public struct ScenarioEnded: Sendable, Equatable {
    public var time: Timestamp
    public var scenario: String
    public var ending: String
    public var outcome: String
    /// Final score 0–100.
    public var score: Int
    /// Percent per skill (rule group).
    public var skills: [String: Int]
    public var broken: [String]
    public var followed: [String]
    /// Wall-clock seconds the trainee spent on the run.
    public var seconds: Double

    public init(time: Timestamp, scenario: String, ending: String, outcome: String, score: Int,
                skills: [String: Int] = [:], broken: [String] = [], followed: [String] = [], seconds: Double) {
        self.time = time
        self.scenario = scenario
        self.ending = ending
        self.outcome = outcome
        self.score = score
        self.skills = skills
        self.broken = broken
        self.followed = followed
        self.seconds = seconds
    }

    /// The event for a finished run; `nil` while the run has not ended.
    public init?(run: ScenarioRun, time: Timestamp, seconds: Double) {
        guard let ending = run.ending else { return nil }
        self.init(time: time, scenario: run.scenario.id, ending: ending,
                  outcome: run.scenario.endings[ending]?.outcome ?? ending, score: run.score,
                  skills: run.skills.mapValues(\.percent), broken: run.broken, followed: run.followed, seconds: seconds)
    }
}

/// `quiz.answered`: one quiz item answered.
public struct QuizAnswered: Sendable, Equatable {
    public var time: Timestamp
    public var item: String
    public var correct: Bool
    /// The rules the item tests.
    public var rules: [String]
    public var topic: String?

    public init(time: Timestamp, item: String, correct: Bool, rules: [String] = [], topic: String? = nil) {
        self.time = time
        self.item = item
        self.correct = correct
        self.rules = rules
        self.topic = topic
    }
}

/// `review.rated`: a spaced-repetition review with the scheduler's state after it. The scheduler can rebuild a
/// card from its sequence of these events; progress keeps them per card without interpreting the numbers.
public struct ReviewRated: Sendable, Equatable {
    public var time: Timestamp
    public var card: String
    /// 1 again, 2 hard, 3 good, 4 easy.
    public var rating: Int
    /// Seconds the trainee took to answer.
    public var seconds: Double
    /// When the card is next due.
    public var due: Timestamp
    public var stability: Double
    public var difficulty: Double

    public init(time: Timestamp, card: String, rating: Int, seconds: Double, due: Timestamp,
                stability: Double, difficulty: Double) {
        self.time = time
        self.card = card
        self.rating = rating
        self.seconds = seconds
        self.due = due
        self.stability = stability
        self.difficulty = difficulty
    }
}

/// `rules.read`: the trainee opened a topic's rule cards (the onboarding path's first step per topic).
public struct RulesRead: Sendable, Equatable {
    public var time: Timestamp
    public var topic: String

    public init(time: Timestamp, topic: String) {
        self.time = time
        self.topic = topic
    }
}

/// `exam.submitted`: an exam was handed in.
public struct ExamSubmitted: Sendable, Equatable {
    public var time: Timestamp
    public var exam: String
    public var score: Int
    public var passed: Bool
    /// Where the transcript was written (path or id), for the instructor's re-grading.
    public var transcript: String

    public init(time: Timestamp, exam: String, score: Int, passed: Bool, transcript: String) {
        self.time = time
        self.exam = exam
        self.score = score
        self.passed = passed
        self.transcript = transcript
    }
}
