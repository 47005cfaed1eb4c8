/// What an exam needs from the quiz: items by id and by topic, their text, and an answer checker.
///
/// The quiz content lives elsewhere (`Content/quiz`); this protocol is the seam, so exams work with any
/// quiz implementation and tests can use a small double.
public protocol ExamQuizBank: Sendable {
    /// Every topic that has at least one item.
    var topics: Set<String> { get }
    func item(id: String) -> ExamQuizItem?
    /// Items of a topic, in any order (exams sort them by id before drawing, so the draw is stable).
    func items(topic: String) -> [ExamQuizItem]
    /// Whether `answer` — exactly what the trainee typed, trimmed; for items with options the 1-based number
    /// shown (exams never reorder options) — is right.
    func check(itemID: String, answer: String) -> Bool
}

/// One quiz item as an exam shows it.
public struct ExamQuizItem: Sendable, Equatable {
    public var id: String
    public var topic: String
    public var prompt: Localized
    /// Numbered options as shown; empty for a typed answer.
    public var options: [Localized]
    /// Rules the item tests: a wrong answer counts as evidence that the rule is not yet known.
    public var rules: [String]

    public init(id: String, topic: String, prompt: Localized, options: [Localized] = [], rules: [String] = []) {
        self.id = id
        self.topic = topic
        self.prompt = prompt
        self.options = options
        self.rules = rules
    }
}

/// A bank with no items: what exams use when there is no quiz content.
public struct EmptyExamQuizBank: ExamQuizBank {
    public init() {}
    public var topics: Set<String> { [] }
    public func item(id: String) -> ExamQuizItem? { nil }
    public func items(topic: String) -> [ExamQuizItem] { [] }
    public func check(itemID: String, answer: String) -> Bool { false }
}
