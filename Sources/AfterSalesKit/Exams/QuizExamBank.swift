/// The quiz question bank as exams see it. Exams show options in one fixed order for everybody (so answers
/// can be re-checked from a transcript); that order is a shuffle seeded by the item id, never the file order,
/// so an ordering item is not shown already solved.
public struct QuizExamBank: ExamQuizBank {
    public let bank: QuizBank
    private let byID: [String: QuizQuestion]

    public init(bank: QuizBank) {
        self.bank = bank
        byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var topics: Set<String> { Set(bank.questions.map(\.topic)) }

    public func item(id: String) -> ExamQuizItem? { byID[id].map(examItem) }

    public func items(topic: String) -> [ExamQuizItem] { bank.questions.filter { $0.topic == topic }.map(examItem) }

    public func check(itemID: String, answer: String) -> Bool {
        guard let question = byID[itemID] else { return false }
        return AnswerChecker(vocabulary: bank.vocabulary, language: .en).check(answer, for: presented(question)) == .correct
    }

    private func presented(_ question: QuizQuestion) -> PresentedQuestion {
        var random = SeededRandom(seed: Self.stableSeed(question.id))
        return PresentedQuestion.present(question, random: &random)
    }

    private func examItem(_ question: QuizQuestion) -> ExamQuizItem {
        var prompt = question.prompt
        var options = presented(question).displayed
        if case .spot(let reply, _) = question.body {
            prompt = Localized(en: (prompt.en ?? "") + "\n  │ " + reply, zh: (prompt.zh ?? prompt.en ?? "") + "\n  │ " + reply)
            options = bank.vocabulary.violations.map(\.label)
        }
        return ExamQuizItem(id: question.id, topic: question.topic, prompt: prompt, options: options, rules: question.rules)
    }

    /// FNV-1a over the id: the same on every machine and every run, unlike `Hasher`.
    static func stableSeed(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
