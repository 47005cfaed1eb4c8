/// The quiz as a line-in, lines-out interaction: one question at a time, immediate feedback with the
/// explanation and source, a second try for input that cannot be judged, and the score with the missed
/// items at the end. Used by the REPL's `quiz` command and the `quiz` subcommand; tested without a terminal.
public struct QuizDriver: LineDriver, Sendable {
    public private(set) var session: QuizSession
    public let renderer: QuestionRenderer
    public let checker: AnswerChecker
    private var retries = 0
    private var stopped = false
    private var started = false

    public init(session: QuizSession, strings: StringTable, vocabulary: QuizVocabulary) {
        self.session = session
        renderer = QuestionRenderer(strings: strings, vocabulary: vocabulary)
        checker = AnswerChecker(vocabulary: vocabulary, language: strings.language)
    }

    private var s: StringTable { renderer.strings }
    private var words: QuizVocabulary.Words { checker.vocabulary.words }

    public var isFinished: Bool { stopped || session.isComplete }
    public var prompt: String { s("quiz.prompt") }

    public mutating func start() -> [OutputLine] {
        started = true
        guard !session.questions.isEmpty else {
            stopped = true
            return [OutputLine(s("quiz.none", ["topic": session.topic.map(renderer.topicName) ?? s("quiz.all_topics")]), .retry)]
        }
        let topic = session.topic.map(renderer.topicName) ?? s("quiz.all_topics")
        var lines = [OutputLine(s("quiz.header", ["count": "\(session.questions.count)", "topic": topic, "seed": "\(session.seed)"]), .title),
                     OutputLine(s("quiz.commands"), .hint)]
        lines += askCurrent()
        return lines
    }

    public mutating func handle(_ line: String) -> [OutputLine] {
        guard !isFinished, let presented = session.current else { return [] }
        let command = TextNormalizer.normalize(line)
        if Self.matches(command, words.stop) {
            stopped = true
            return [OutputLine(s("quiz.stopped", ["answered": "\(session.results.count)", "total": "\(session.questions.count)"]), .retry)]
                + summary()
        }
        let mark: QuizSession.Mark
        if Self.matches(command, words.skip) {
            mark = .skipped
        } else {
            switch checker.check(line, for: presented) {
            case .needsRetry(let key, let args):
                retries += 1
                return [renderer.retry(key: key, args: args)]
            case .correct: mark = .correct
            case .partial: mark = .partial
            case .incorrect: mark = .incorrect
            }
        }
        session.record(mark, retries: retries, answer: mark == .skipped ? nil : line)
        retries = 0
        var lines = renderer.feedback(presented, mark: mark)
        lines += session.isComplete ? summary() : askCurrent()
        return lines
    }

    public mutating func finish() -> [OutputLine] {
        guard !isFinished else { return [] }
        stopped = true
        return [OutputLine(""), OutputLine(s("quiz.stopped", ["answered": "\(session.results.count)", "total": "\(session.questions.count)"]), .retry)]
            + summary()
    }

    private func askCurrent() -> [OutputLine] {
        guard let presented = session.current else { return [] }
        let question = presented.question
        let heading = s("quiz.heading", ["number": "\(session.results.count + 1)", "total": "\(session.questions.count)",
                                         "topic": renderer.topicName(question.topic), "kind": renderer.kindName(question.kind)])
        return [OutputLine("")] + renderer.question(presented, heading: heading)
    }

    /// The score and the missed questions.
    public func summary() -> [OutputLine] {
        let score = session.score
        var lines = [OutputLine(""), OutputLine(s("quiz.score", ["correct": "\(score.correct)", "total": "\(score.total)"]), .score)]
        if score.missed.isEmpty {
            if score.total > 0 { lines.append(OutputLine(s("quiz.nothing_missed"), .correct)) }
            return lines
        }
        lines.append(OutputLine(s("quiz.missed_header"), .plain))
        for id in score.missed {
            guard let presented = session.questions.first(where: { $0.question.id == id }) else { continue }
            lines.append(OutputLine(s("quiz.missed_row", ["id": id, "prompt": presented.question.prompt.text(renderer.language)]),
                                    .wrong, indent: "    "))
        }
        lines.append(OutputLine(s("quiz.missed_next"), .hint))
        return lines
    }

    static func matches(_ normalized: String, _ list: [String]) -> Bool {
        !normalized.isEmpty && list.contains { TextNormalizer.normalize($0) == normalized }
    }
}
