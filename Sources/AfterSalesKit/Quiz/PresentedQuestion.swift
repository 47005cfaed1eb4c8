/// A question as one quiz session shows it: its options (or steps) in a seeded display order.
/// Answers are typed as display numbers and mapped back through `order`.
public struct PresentedQuestion: Sendable, Hashable {
    public var question: QuizQuestion
    /// `order[displayIndex]` is the option's index in the file. Empty for kinds without options.
    public var order: [Int]

    public init(question: QuizQuestion, order: [Int]) {
        self.question = question
        self.order = order
    }

    /// Shuffles the options with `random`. Ordering items are never shown already in the right order.
    public static func present(_ question: QuizQuestion, random: inout SeededRandom) -> PresentedQuestion {
        let count: Int
        switch question.body {
        case .single(let options, _), .multi(let options, _): count = options.count
        case .ordering(let steps): count = steps.count
        default: return PresentedQuestion(question: question, order: [])
        }
        var order = random.shuffled(Array(0..<count))
        if question.kind == .ordering, count > 1, order == Array(0..<count) {
            order = Array(order.dropFirst()) + [order[0]]
        }
        return PresentedQuestion(question: question, order: order)
    }

    /// The texts of the options or steps in display order.
    public var displayed: [Localized] {
        switch question.body {
        case .single(let options, _), .multi(let options, _): return order.map { options[$0] }
        case .ordering(let steps): return order.map { steps[$0] }
        default: return []
        }
    }

    /// Display number (1-based) of the option at file index `index`.
    public func displayNumber(ofOriginal index: Int) -> Int {
        (order.firstIndex(of: index) ?? index) + 1
    }

    /// The right answer as display numbers: the right option(s), or the steps in their right order.
    public var correctDisplayNumbers: [Int] {
        switch question.body {
        case .single(_, let answer): return [displayNumber(ofOriginal: answer)]
        case .multi(_, let answers): return answers.map { displayNumber(ofOriginal: $0) }.sorted()
        case .ordering(let steps): return (0..<steps.count).map { displayNumber(ofOriginal: $0) }
        default: return []
        }
    }
}
