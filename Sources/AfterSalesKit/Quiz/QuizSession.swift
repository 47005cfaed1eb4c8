/// One run of the quiz: which questions, in which order, with which option order, and how each was answered.
///
/// Selection is deterministic: the bank is sorted by id (so file order does not matter), shuffled with the seed,
/// cut to `count`; then each question's options are shuffled with the same generator. Same bank + seed →
/// same quiz, byte for byte.
public struct QuizSession: Sendable {
    public enum Mark: String, Sendable, Hashable, Codable { case correct, partial, incorrect, skipped }

    public struct Result: Sendable, Hashable {
        public var question: String
        public var mark: Mark
        /// Typed lines that needed a second try before this one was judged.
        public var retries: Int
        public var answer: String?
    }

    public struct Score: Sendable, Hashable {
        public var correct: Int
        public var total: Int
        /// Ids of the questions answered wrongly, partly or skipped, in quiz order.
        public var missed: [String]
    }

    public let questions: [PresentedQuestion]
    public private(set) var results: [Result] = []
    public let seed: UInt64
    public let topic: String?

    public init(questions: [QuizQuestion], topic: String? = nil, count: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let chosen = QuizSession.select(questions, topic: topic, count: count, random: &random)
        self.questions = chosen.map { PresentedQuestion.present($0, random: &random) }
        self.seed = seed
        self.topic = topic
    }

    /// A session over questions already chosen (e.g. by the review queue), options shuffled with `seed`.
    public init(ordered: [QuizQuestion], seed: UInt64) {
        var random = SeededRandom(seed: seed)
        questions = ordered.map { PresentedQuestion.present($0, random: &random) }
        self.seed = seed
        topic = nil
    }

    public static func select(_ questions: [QuizQuestion], topic: String?, count: Int, random: inout SeededRandom) -> [QuizQuestion] {
        let pool = questions.filter { topic == nil || $0.topic == topic }.sorted { $0.id < $1.id }
        return Array(random.shuffled(pool).prefix(max(0, count)))
    }

    /// The question waiting for an answer, if any.
    public var current: PresentedQuestion? { results.count < questions.count ? questions[results.count] : nil }
    public var isComplete: Bool { results.count >= questions.count }

    public mutating func record(_ mark: Mark, retries: Int = 0, answer: String? = nil) {
        guard let question = current else { return }
        results.append(Result(question: question.question.id, mark: mark, retries: retries, answer: answer))
    }

    /// The score over the questions answered so far.
    public var score: Score {
        Score(correct: results.filter { $0.mark == .correct }.count, total: results.count,
              missed: results.filter { $0.mark != .correct }.map(\.question))
    }
}
