import Foundation

/// The `review` command as a line-in, lines-out interaction: lists skills to practise, then asks the due quiz
/// items and the new ones, rates each answer for FSRS (wrong or skipped → Again, partly right → Hard,
/// right → Good, right within `easyWithin` seconds → Easy), says when each item is next due, and collects
/// `ReviewEvent`s for the caller to store in the progress log.
public struct ReviewDriver: LineDriver, Sendable {
    /// What the driver shows about a skill card.
    public struct SkillInfo: Sendable, Hashable {
        public var title: Localized?
        public var rule: String?
        public var practice: PracticeTarget?

        public init(title: Localized? = nil, rule: String? = nil, practice: PracticeTarget? = nil) {
            self.title = title
            self.rule = rule
            self.practice = practice
        }
    }

    public let queue: ReviewQueue
    public private(set) var session: QuizSession
    public let renderer: QuestionRenderer
    public let checker: AnswerChecker
    public let scheduler: ReviewScheduler
    public let skills: [String: SkillInfo]
    public let timeZone: TimeZone
    /// A right answer given within this many seconds is rated Easy; nil never rates Easy (e.g. piped input).
    public let easyWithin: Double?
    private let clock: @Sendable () -> Date
    private var states: [ReviewCardID: ReviewScheduler.CardState]
    public private(set) var events: [ReviewEvent] = []
    private var askedAt: Date?
    private var stopped = false
    private var reviewed: [ReviewCardID] = []

    public init(queue: ReviewQueue, questions: [QuizQuestion], skills: [String: SkillInfo] = [:], strings: StringTable,
                vocabulary: QuizVocabulary, scheduler: ReviewScheduler = ReviewScheduler(), timeZone: TimeZone,
                seed: UInt64 = 0, easyWithin: Double? = nil, clock: @escaping @Sendable () -> Date) {
        self.queue = queue
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        session = QuizSession(ordered: queue.quizEntries.compactMap { byID[$0.card.id] }, seed: seed)
        renderer = QuestionRenderer(strings: strings, vocabulary: vocabulary)
        checker = AnswerChecker(vocabulary: vocabulary, language: strings.language)
        self.scheduler = scheduler
        self.skills = skills
        self.timeZone = timeZone
        self.easyWithin = easyWithin
        self.clock = clock
        states = queue.states
    }

    private var s: StringTable { renderer.strings }
    private var language: Language { renderer.language }

    public var isFinished: Bool { stopped || session.isComplete }
    public var prompt: String { s("quiz.prompt") }

    /// Hands over the events recorded since the last call, for the caller to persist.
    public mutating func takeEvents() -> [ReviewEvent] {
        defer { events = [] }
        return events
    }

    public mutating func start() -> [OutputLine] {
        var lines = [OutputLine(s("review.header", ["due": "\(queue.due.count)", "new": "\(queue.new.count)",
                                                    "limit": "\(queue.newLimit)", "today": "\(queue.newToday)",
                                                    "skills": "\(queue.skills.count)"]), .title)]
        for entry in queue.skills { lines.append(skillLine(entry)) }
        if session.questions.isEmpty {
            stopped = true
            lines.append(OutputLine(s("review.nothing_due"), .correct))
            if let next = queue.next { lines.append(nextLine(next.card, next.due)) }
            return lines
        }
        lines.append(OutputLine(s("quiz.commands"), .hint))
        lines += askCurrent()
        return lines
    }

    public mutating func handle(_ line: String) -> [OutputLine] {
        guard !isFinished, let presented = session.current else { return [] }
        let words = checker.vocabulary.words
        let command = TextNormalizer.normalize(line)
        if QuizDriver.matches(command, words.stop) {
            stopped = true
            return [OutputLine(s("review.stopped", ["answered": "\(session.results.count)", "total": "\(session.questions.count)"]), .retry)]
                + summary()
        }
        let now = clock()
        let mark: QuizSession.Mark
        if QuizDriver.matches(command, words.skip) {
            mark = .skipped
        } else {
            switch checker.check(line, for: presented) {
            case .needsRetry(let key, let args): return [renderer.retry(key: key, args: args)]
            case .correct: mark = .correct
            case .partial: mark = .partial
            case .incorrect: mark = .incorrect
            }
        }
        let seconds = askedAt.map { max(0, now.timeIntervalSince($0)) }
        let rating = Self.rating(for: mark, seconds: seconds, easyWithin: easyWithin)
        let card = ReviewCardID.quiz(presented.question.id)
        let (event, state) = scheduler.rate(states[card], card: card, rating: rating, at: now, seconds: seconds)
        states[card] = state
        events.append(event)
        reviewed.append(card)
        session.record(mark, answer: mark == .skipped ? nil : line)
        var lines = renderer.feedback(presented, mark: mark)
        lines.append(OutputLine(s("review.rated", ["rating": s("review.rating.\(rating.rawValue)"), "date": Self.day(state.due, timeZone),
                                                   "days": "\(Self.days(from: now, to: state.due))"]), .hint, indent: "  "))
        lines += session.isComplete ? summary() : askCurrent()
        return lines
    }

    public mutating func finish() -> [OutputLine] {
        guard !isFinished else { return [] }
        stopped = true
        return [OutputLine(""), OutputLine(s("review.stopped", ["answered": "\(session.results.count)", "total": "\(session.questions.count)"]), .retry)]
            + summary()
    }

    /// Again for a miss or a skip, Hard when partly right, Good when right, Easy when right and quick.
    public static func rating(for mark: QuizSession.Mark, seconds: Double?, easyWithin: Double?) -> FSRSRating {
        switch mark {
        case .incorrect, .skipped: return .again
        case .partial: return .hard
        case .correct:
            if let seconds, let easyWithin, seconds <= easyWithin { return .easy }
            return .good
        }
    }

    private mutating func askCurrent() -> [OutputLine] {
        guard let presented = session.current else { return [] }
        askedAt = clock()
        let index = session.results.count
        let entry = queue.quizEntries[index]
        let reason: String
        switch entry.reason {
        case .due: reason = s("review.reason.due", ["date": entry.due.map { Self.day($0, timeZone) } ?? ""])
        case .lapse(let rule, let scenario):
            reason = s("review.reason.lapse", ["rule": rule, "scenario": scenario ?? "?"])
        case .new: reason = s("review.reason.new")
        }
        let question = presented.question
        let heading = s("review.heading", ["number": "\(index + 1)", "total": "\(session.questions.count)",
                                           "topic": renderer.topicName(question.topic), "kind": renderer.kindName(question.kind),
                                           "reason": reason])
        return [OutputLine("")] + renderer.question(presented, heading: heading)
    }

    private func skillLine(_ entry: ReviewQueue.Entry) -> OutputLine {
        let info = skills[entry.card.id]
        let name = info?.title?.text(language) ?? entry.card.id
        let rule = info?.rule ?? "—"
        guard let practice = info?.practice else {
            return OutputLine(s("review.skill_due_nowhere", ["skill": name, "rule": rule]), .partial, indent: "    ")
        }
        return OutputLine(s("review.skill_due", ["skill": name, "rule": rule, "scenario": practice.scenario,
                                                 "node": practice.node ?? "—"]), .partial, indent: "    ")
    }

    private func nextLine(_ card: ReviewCardID, _ due: Date) -> OutputLine {
        OutputLine(s("review.next_due", ["card": card.description, "date": Self.day(due, timeZone),
                                         "days": "\(Self.days(from: clock(), to: due))"]), .hint)
    }

    /// Right answers, then when each reviewed item is next due, and the next card due overall.
    public func summary() -> [OutputLine] {
        let score = session.score
        var lines = [OutputLine(""), OutputLine(s("review.done", ["correct": "\(score.correct)", "total": "\(score.total)"]), .score)]
        if !reviewed.isEmpty {
            lines.append(OutputLine(s("review.schedule_header")))
            for card in reviewed {
                guard let state = states[card] else { continue }
                lines.append(OutputLine(s("review.schedule_row", ["card": card.id, "date": Self.day(state.due, timeZone),
                                                                  "rating": s("review.rating.\(state.lastRating.rawValue)")]),
                                        .plain, indent: "    "))
            }
        }
        let now = clock()
        if let next = states.values.filter({ $0.due > now }).min(by: { ($0.due, $0.card) < ($1.due, $1.card) }) {
            lines.append(nextLine(next.card, next.due))
        }
        return lines
    }

    /// `yyyy-MM-dd` in `timeZone`, independent of the machine's locale.
    public static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Whole days from `start` to `end`, rounded to the nearest day.
    static func days(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) / ReviewScheduler.secondsPerDay).rounded())
    }
}
