import Foundation

/// Everything known about a trainee, derived by replaying the progress file from the start.
///
/// Nothing here is stored separately: the file is the single source of truth, and this state can always be rebuilt
/// from it (by `ProgressLog.replay`, or incrementally with `apply` as the session appends). It does not know the
/// content (rule texts, curricula) nor the spaced-repetition algorithm: it keeps the raw `review.rated` events per
/// card for the scheduler, and offers mastery by rule and by rule group for the curriculum and `next`.
///
/// Dictionaries are for lookup; every list a user could see comes from a method that sorts deterministically.
public struct TraineeState: Sendable {
    public struct Options: Sendable {
        /// The zone whose calendar days count for streaks (UTC unless the caller passes the trainee's own).
        public var timeZone: TimeZone
        public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!) { self.timeZone = timeZone }
    }

    public private(set) var scenarios: [String: ScenarioRecord] = [:]
    /// Per rule id: mastery and how often it was followed and broken.
    public private(set) var rules: [String: RuleRecord] = [:]
    public private(set) var practiceDays = PracticeDays()
    /// Every finished run, in file order.
    public private(set) var scoreHistory: [ScoreEntry] = []
    public private(set) var quiz = QuizStats()
    /// Every `review.rated` event per card, in file order, for the scheduler to rebuild its cards.
    public private(set) var reviews: [String: [ReviewRated]] = [:]
    public private(set) var exams: [ExamSubmitted] = []
    /// Topics whose rule cards the trainee opened.
    public private(set) var rulesRead: Set<String> = []
    public private(set) var replies = Tally()
    /// Seconds spent in scenarios (from `scenario.ended`) and in reviews (from `review.rated`).
    public private(set) var secondsInScenarios = 0.0
    public private(set) var secondsInReviews = 0.0
    public private(set) var eventCount = 0
    /// Events of types this version does not know; they are ignored.
    public private(set) var unknownEventCount = 0
    public private(set) var firstActivity: Timestamp?
    public private(set) var lastActivity: Timestamp?

    private var days: DayCounter
    /// The day last added to `practiceDays`, to skip re-inserting it for every event of a session.
    private var lastDay: Int?
    /// Rules followed and broken so far in each scenario run that has started but not ended, by scenario id;
    /// the run touched last is kept aside in `currentRun`, since a run's events come one after another.
    private var openRuns: [String: RunTally] = [:]
    private var currentRun: RunTally?

    public init(options: Options = .init()) {
        days = DayCounter(timeZone: options.timeZone)
    }

    /// The state after `events`, in order.
    public init<Events: Sequence>(replaying events: Events, options: Options = .init()) where Events.Element == ProgressEvent {
        self.init(options: options)
        for event in events { apply(event) }
    }

    public var timeZone: TimeZone { days.timeZone }

    // MARK: - Records

    public struct ScenarioRecord: Sendable, Equatable {
        /// Runs started.
        public var attempts = 0
        /// Runs that reached an ending.
        public var completed = 0
        public var bestScore: Int?
        public var lastScore: Int?
        public var lastPlayed: Timestamp?
        public var seconds = 0.0
        /// How often each outcome was reached.
        public var outcomes: [String: Int] = [:]
    }

    public struct RuleRecord: Sendable, Equatable {
        public var mastery = Mastery()
        /// Times broken in play (choices, replies, deadlines), not counting wrong quiz answers.
        public var broken = 0
        /// Times followed in play.
        public var followed = 0
        public var quiz = Tally()
    }

    public struct Tally: Sendable, Equatable {
        public var attempts = 0
        public var correct = 0
        /// For replies: the sum of scores.
        public var total = 0.0
        public var rate: Double { attempts > 0 ? Double(correct) / Double(attempts) : 0 }
        public var average: Double { attempts > 0 ? total / Double(attempts) : 0 }

        public init(attempts: Int = 0, correct: Int = 0, total: Double = 0) {
            self.attempts = attempts
            self.correct = correct
            self.total = total
        }
    }

    public struct QuizStats: Sendable, Equatable {
        public var answered = 0
        public var correct = 0
        public var items: [String: QuizItemRecord] = [:]
        public var topics: [String: Tally] = [:]
        public var rate: Double { answered > 0 ? Double(correct) / Double(answered) : 0 }
    }

    public struct QuizItemRecord: Sendable, Equatable {
        public var attempts = 0
        public var correct = 0
        public var lastCorrect = false
        public var lastAnswered: Timestamp?
    }

    public struct ScoreEntry: Sendable, Equatable {
        public var time: Timestamp
        public var scenario: String
        public var score: Int
        /// From the matching `scenario.started`, when there was one.
        public var mode: PlayMode?
    }

    private struct RunTally: Sendable {
        var scenario: String
        var mode: PlayMode
        /// Rule ids with counts; a run has a handful, so arrays beat dictionaries.
        var followed: [(rule: String, count: Int)] = []
        var broken: [(rule: String, count: Int)] = []

        static func add(_ rule: String, to list: inout [(rule: String, count: Int)]) {
            if let index = list.firstIndex(where: { same($0.rule, rule) }) { list[index].count += 1 } else { list.append((rule, 1)) }
        }

        /// Takes one `rule` off the list; false if none was left.
        static func take(_ rule: String, from list: inout [(rule: String, count: Int)]) -> Bool {
            guard let index = list.firstIndex(where: { $0.count > 0 && same($0.rule, rule) }) else { return false }
            list[index].count -= 1
            return true
        }
    }

    /// String equality, checking the byte count (constant time for native strings) before the bytes.
    @inline(__always) private static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    private mutating func startRun(_ run: RunTally) {
        if let current = currentRun, current.scenario != run.scenario { openRuns[current.scenario] = current }
        openRuns.removeValue(forKey: run.scenario)
        currentRun = run
    }

    private mutating func withRun(_ scenario: String, _ body: (inout RunTally) -> Void) {
        if !(currentRun.map { Self.same($0.scenario, scenario) } ?? false) {
            guard let other = openRuns.removeValue(forKey: scenario) else { return }
            if let current = currentRun { openRuns[current.scenario] = current }
            currentRun = other
        }
        body(&currentRun!)
    }

    private mutating func endRun(_ scenario: String) -> RunTally? {
        if currentRun.map({ Self.same($0.scenario, scenario) }) ?? false {
            defer { currentRun = nil }
            return currentRun
        }
        return openRuns.removeValue(forKey: scenario)
    }

    // MARK: - Replay

    /// Folds one event into the state.
    public mutating func apply(_ event: ProgressEvent) {
        eventCount += 1
        switch event {
        case .scenarioStarted(let e):
            noteActivity(e.time)
            Self.update(&scenarios[e.scenario, default: ScenarioRecord()]) {
                $0.attempts += 1
                $0.lastPlayed = e.time
            }
            var run = RunTally(scenario: e.scenario, mode: e.mode)
            run.followed.reserveCapacity(8)
            run.broken.reserveCapacity(8)
            startRun(run)
        case .choiceMade(let e):
            noteActivity(e.time)
            if let rule = e.follows { followed(rule, e.scenario, e.time, evidence: 1) }
            if let rule = e.breaks { broke(rule, e.scenario, e.time) }
        case .replyGraded(let e):
            noteActivity(e.time)
            replies.attempts += 1
            replies.total += Double(e.score)
            if e.verdict == "good" { replies.correct += 1 }
            // Each rule once per reply; the lists are short, so a linear check beats hashing.
            for (index, rule) in e.rules.enumerated() where !e.rules[..<index].contains(rule) {
                broke(rule, e.scenario, e.time)
            }
            for (index, rule) in e.met.enumerated() where !e.rules.contains(rule) && !e.met[..<index].contains(rule) {
                followed(rule, e.scenario, e.time, evidence: Double(e.score) / 100, count: false)
            }
        case .scenarioEnded(let e):
            noteActivity(e.time)
            Self.update(&scenarios[e.scenario, default: ScenarioRecord()]) { record in
                record.completed += 1
                record.bestScore = max(record.bestScore ?? e.score, e.score)
                record.lastScore = e.score
                record.lastPlayed = e.time
                record.seconds += e.seconds
                record.outcomes[e.outcome, default: 0] += 1
            }
            secondsInScenarios += e.seconds
            let run = endRun(e.scenario)
            scoreHistory.append(ScoreEntry(time: e.time, scenario: e.scenario, score: e.score, mode: run?.mode))
            // Rules the run's summary lists beyond what its choice and reply events already counted (a deadline
            // that passed, or a log that has only the summary) are evidence too; the rest is not counted twice.
            var tally = run ?? RunTally(scenario: e.scenario, mode: .practice)
            for rule in e.broken where !RunTally.take(rule, from: &tally.broken) { broke(rule, nil, e.time) }
            for rule in e.followed where !RunTally.take(rule, from: &tally.followed) { followed(rule, nil, e.time, evidence: 1) }
        case .quizAnswered(let e):
            noteActivity(e.time)
            quiz.answered += 1
            if e.correct { quiz.correct += 1 }
            Self.update(&quiz.items[e.item, default: QuizItemRecord()]) { item in
                item.attempts += 1
                if e.correct { item.correct += 1 }
                item.lastCorrect = e.correct
                item.lastAnswered = e.time
            }
            if let topic = e.topic {
                Self.update(&quiz.topics[topic, default: Tally()]) { tally in
                    tally.attempts += 1
                    if e.correct { tally.correct += 1 }
                }
            }
            for (index, rule) in e.rules.enumerated() where !e.rules[..<index].contains(rule) {
                Self.update(&rules[rule, default: RuleRecord()]) { record in
                    record.mastery.record(e.correct ? 1 : 0, at: e.time)
                    record.quiz.attempts += 1
                    if e.correct { record.quiz.correct += 1 }
                }
            }
        case .reviewRated(let e):
            noteActivity(e.time)
            reviews[e.card, default: []].append(e)
            secondsInReviews += e.seconds
        case .examSubmitted(let e):
            noteActivity(e.time)
            exams.append(e)
        case .rulesRead(let e):
            rulesRead.insert(e.topic)
        case .unknown:
            unknownEventCount += 1
        }
    }

    private mutating func noteActivity(_ time: Timestamp) {
        if firstActivity == nil || time < firstActivity! { firstActivity = time }
        if lastActivity == nil || time > lastActivity! { lastActivity = time }
        let day = days.day(of: time)
        if day != lastDay {
            practiceDays.insert(day)
            lastDay = day
        }
    }

    private mutating func followed(_ rule: String, _ scenario: String?, _ time: Timestamp, evidence: Double, count: Bool = true) {
        Self.update(&rules[rule, default: RuleRecord()]) { record in
            record.mastery.record(evidence, at: time)
            if count { record.followed += 1 }
        }
        if let scenario { withRun(scenario) { RunTally.add(rule, to: &$0.followed) } }
    }

    private mutating func broke(_ rule: String, _ scenario: String?, _ time: Timestamp) {
        Self.update(&rules[rule, default: RuleRecord()]) { record in
            record.mastery.record(0, at: time)
            record.broken += 1
        }
        if let scenario { withRun(scenario) { RunTally.add(rule, to: &$0.broken) } }
    }

    /// Changes a value in place: one dictionary lookup instead of one per field.
    @inline(__always)
    private static func update<Value>(_ value: inout Value, _ body: (inout Value) -> Void) { body(&value) }
}

extension TraineeState: Equatable {
    /// Equal when everything derived is equal (the time zone and the bookkeeping of unfinished runs aside).
    public static func == (lhs: TraineeState, rhs: TraineeState) -> Bool {
        lhs.scenarios == rhs.scenarios && lhs.rules == rhs.rules && lhs.practiceDays == rhs.practiceDays
            && lhs.scoreHistory == rhs.scoreHistory && lhs.quiz == rhs.quiz && lhs.reviews == rhs.reviews
            && lhs.exams == rhs.exams && lhs.replies == rhs.replies && lhs.secondsInScenarios == rhs.secondsInScenarios
            && lhs.secondsInReviews == rhs.secondsInReviews && lhs.eventCount == rhs.eventCount
            && lhs.unknownEventCount == rhs.unknownEventCount && lhs.firstActivity == rhs.firstActivity
            && lhs.lastActivity == rhs.lastActivity
    }
}
