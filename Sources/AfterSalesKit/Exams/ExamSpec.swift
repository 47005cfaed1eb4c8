import Foundation

/// What an instructor asks of a class: which scenarios and quiz items, how long, how it is marked.
///
/// Written as YAML under `Content/exams/` (or anywhere the instructor keeps it); see `ExamSpecLoader`.
/// The spec file's SHA-256 goes into every transcript, so a grade can always name the exact spec it was taken under.
public struct ExamSpec: Sendable, Equatable {
    public var id: String
    public var title: Localized
    public var scenarios: [ScenarioRef]
    /// Quiz items named one by one.
    public var quizItems: [String]
    /// Quiz items drawn at random (seeded) from a topic.
    public var quizDraws: [QuizDraw]
    /// Points every quiz item is worth.
    public var quizPoints: Double
    public var seed: UInt64
    /// Each trainee (and attempt) gets an own order and own topic draws; off: everyone sits the same paper.
    public var shuffle: Bool
    /// Minutes; nil means untimed.
    public var timeLimit: Double?
    /// Minutes after the time limit in which the answer on screen may still be finished (Moodle's grace period).
    public var grace: Double?
    /// Percent of the total points needed to pass, 0–100.
    public var passMark: Double
    public var hints: Bool
    public var showResult: Bool
    /// Attempts each trainee may make; nil means unlimited.
    public var attempts: Int?
    public var grading: GradingMethod

    public struct ScenarioRef: Sendable, Equatable {
        public var id: String
        public var points: Double
        public init(id: String, points: Double = ExamSpec.defaultScenarioPoints) {
            self.id = id
            self.points = points
        }
    }

    public struct QuizDraw: Sendable, Equatable {
        public var topic: String
        public var count: Int
        public init(topic: String, count: Int) {
            self.topic = topic
            self.count = count
        }
    }

    public static let defaultScenarioPoints: Double = 10
    public static let defaultQuizPoints: Double = 1

    public init(id: String, title: Localized, scenarios: [ScenarioRef] = [], quizItems: [String] = [], quizDraws: [QuizDraw] = [],
                quizPoints: Double = ExamSpec.defaultQuizPoints, seed: UInt64 = 0, shuffle: Bool = false, timeLimit: Double? = nil,
                grace: Double? = nil, passMark: Double = 50, hints: Bool = false, showResult: Bool = true, attempts: Int? = 1,
                grading: GradingMethod = .highest) {
        self.id = id
        self.title = title
        self.scenarios = scenarios
        self.quizItems = quizItems
        self.quizDraws = quizDraws
        self.quizPoints = quizPoints
        self.seed = seed
        self.shuffle = shuffle
        self.timeLimit = timeLimit
        self.grace = grace
        self.passMark = passMark
        self.hints = hints
        self.showResult = showResult
        self.attempts = attempts
        self.grading = grading
    }
}

/// How several attempts by one trainee become one grade, as in Moodle's quiz settings.
public enum GradingMethod: String, Sendable, Codable, CaseIterable {
    case highest, average, first, last
}

/// A spec as read from its file: the YAML (for positions), the file's hash and where it lives.
public struct LoadedExamSpec: Sendable {
    public var spec: ExamSpec
    public var document: YAMLDocument
    /// SHA-256 of the file's bytes.
    public var hash: String
    public var url: URL

    public func diagnostic(_ path: [PathStep], _ code: DiagnosticCode, _ message: String) -> Diagnostic {
        document.diagnostic(at: path, code: code, message)
    }
}
