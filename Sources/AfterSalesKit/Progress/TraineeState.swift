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
    /// Rules followed and broken so far in each scenario run that has started but not ended, by scenario id.
    private var openRuns: [String: RunTally] = [:]

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
        var mode: PlayMode
        var followed: [String: Int] = [:]
        var broken: [String: Int] = [:]
    }

    // MARK: - Replay

    /// Folds one event into the state.
    public mutating func apply(_ event: ProgressEvent) {
        eventCount += 1
        switch event {
        case .scenarioStarted(let e):
            noteActivity(e.time)
            scenarios[e.scenario, default: ScenarioRecord()].attempts += 1
            scenarios[e.scenario]!.lastPlayed = e.time
            openRuns[e.scenario] = RunTally(mode: e.mode)
        case .choiceMade(let e):
            noteActivity(e.time)
            if let rule = e.follows { followed(rule, e.scenario, e.time, evidence: 1) }
            if let rule = e.breaks { broke(rule, e.scenario, e.time) }
        case .replyGraded(let e):
            noteActivity(e.time)
            replies.attempts += 1
            replies.total += Double(e.score)
            if e.verdict == "good" { replies.correct += 1 }
            var seen: Set<String> = []
            for rule in e.rules where seen.insert(rule).inserted { broke(rule, e.scenario, e.time) }
            for rule in e.met where seen.insert(rule).inserted {
                followed(rule, e.scenario, e.time, evidence: Double(e.score) / 100, count: false)
            }
        case .scenarioEnded(let e):
            noteActivity(e.time)
            var record = scenarios[e.scenario, default: ScenarioRecord()]
            record.completed += 1
            record.bestScore = max(record.bestScore ?? e.score, e.score)
            record.lastScore = e.score
            record.lastPlayed = e.time
            record.seconds += e.seconds
            record.outcomes[e.outcome, default: 0] += 1
            scenarios[e.scenario] = record
            secondsInScenarios += e.seconds
            let run = openRuns.removeValue(forKey: e.scenario)
            scoreHistory.append(ScoreEntry(time: e.time, scenario: e.scenario, score: e.score, mode: run?.mode))
            // Rules the run's summary lists beyond what its choice and reply events already counted (a deadline
            // that passed, or a log that has only the summary) are evidence too; the rest is not counted twice.
            var tally = run ?? RunTally(mode: .practice)
            for rule in e.broken {
                if let left = tally.broken[rule], left > 0 { tally.broken[rule] = left - 1 } else { broke(rule, nil, e.time) }
            }
            for rule in e.followed {
                if let left = tally.followed[rule], left > 0 { tally.followed[rule] = left - 1 } else { followed(rule, nil, e.time, evidence: 1) }
            }
        case .quizAnswered(let e):
            noteActivity(e.time)
            quiz.answered += 1
            if e.correct { quiz.correct += 1 }
            var item = quiz.items[e.item, default: QuizItemRecord()]
            item.attempts += 1
            if e.correct { item.correct += 1 }
            item.lastCorrect = e.correct
            item.lastAnswered = e.time
            quiz.items[e.item] = item
            if let topic = e.topic {
                quiz.topics[topic, default: Tally()].attempts += 1
                if e.correct { quiz.topics[topic]!.correct += 1 }
            }
            for rule in Set(e.rules) {
                rules[rule, default: RuleRecord()].mastery.record(e.correct ? 1 : 0, at: e.time)
                rules[rule]!.quiz.attempts += 1
                if e.correct { rules[rule]!.quiz.correct += 1 }
            }
        case .reviewRated(let e):
            noteActivity(e.time)
            reviews[e.card, default: []].append(e)
            secondsInReviews += e.seconds
        case .examSubmitted(let e):
            noteActivity(e.time)
            exams.append(e)
        case .unknown:
            unknownEventCount += 1
        }
    }

    private mutating func noteActivity(_ time: Timestamp) {
        if firstActivity == nil || time < firstActivity! { firstActivity = time }
        if lastActivity == nil || time > lastActivity! { lastActivity = time }
        practiceDays.insert(days.day(of: time))
    }

    private mutating func followed(_ rule: String, _ scenario: String?, _ time: Timestamp, evidence: Double, count: Bool = true) {
        rules[rule, default: RuleRecord()].mastery.record(evidence, at: time)
        if count { rules[rule]!.followed += 1 }
        if let scenario, openRuns[scenario] != nil { openRuns[scenario]!.followed[rule, default: 0] += 1 }
    }

    private mutating func broke(_ rule: String, _ scenario: String?, _ time: Timestamp) {
        rules[rule, default: RuleRecord()].mastery.record(0, at: time)
        rules[rule]!.broken += 1
        if let scenario, openRuns[scenario] != nil { openRuns[scenario]!.broken[rule, default: 0] += 1 }
    }
}
