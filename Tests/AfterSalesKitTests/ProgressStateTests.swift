import AfterSalesKit
import Foundation
import Testing

@Suite("Trainee state from replay")
struct ProgressStateTests {
    typealias F = ProgressFixtures

    static func run(_ scenario: String, at start: Double, score: Int, choices: [(follows: String?, breaks: String?)] = [],
                    broken: [String] = [], followed: [String] = [], seconds: Double = 60) -> [ProgressEvent] {
        var events: [ProgressEvent] = [.scenarioStarted(ScenarioStarted(time: F.time(start), scenario: scenario, seed: 1))]
        for (index, choice) in choices.enumerated() {
            events.append(.choiceMade(ChoiceMade(time: F.time(start + Double(index) + 1), scenario: scenario, node: "n\(index)",
                                                 number: 1, points: 0, follows: choice.follows, breaks: choice.breaks)))
        }
        events.append(.scenarioEnded(ScenarioEnded(time: F.time(start + 50), scenario: scenario, ending: "end", outcome: "resolved",
                                                   score: score, broken: broken, followed: followed, seconds: seconds)))
        return events
    }

    @Test("best score, attempts and last score per scenario")
    func bestScores() {
        let events = Self.run("a", at: 0, score: 40) + Self.run("a", at: 100, score: 85) + Self.run("a", at: 200, score: 60)
            + Self.run("b", at: 300, score: 10)
            + [.scenarioStarted(ScenarioStarted(time: F.time(400), scenario: "c", seed: 2))]
        let state = TraineeState(replaying: events)
        #expect(state.bestScore(of: "a") == 85)
        #expect(state.scenarios["a"]?.attempts == 3)
        #expect(state.scenarios["a"]?.completed == 3)
        #expect(state.scenarios["a"]?.lastScore == 60)
        #expect(state.scenarios["c"]?.attempts == 1)
        #expect(state.bestScore(of: "c") == nil)
        #expect(state.bestScores.map(\.scenario) == ["a", "b"])
        #expect(state.scoreHistory.map(\.score) == [40, 85, 60, 10])
        #expect(state.scoreHistory.first?.mode == .practice)
        #expect(state.secondsInScenarios == 240)
    }

    @Test("mastery: one success is not mastery, a run of them is, and a fresh mistake pulls it down")
    func masteryFormula() {
        var mastery = Mastery()
        #expect(mastery.value == 0)
        mastery.record(1)
        #expect(abs(mastery.value - 1 / 1.8) < 1e-9)
        for _ in 0..<4 { mastery.record(1) }
        #expect(mastery.value > 0.9 && mastery.value < 0.92)
        for _ in 0..<30 { mastery.record(1) }
        #expect(mastery.value > 0.99)
        mastery.record(0)
        #expect(abs(mastery.value - 0.8) < 0.01)
        #expect(mastery.evidence == 36)
        mastery.record(7)  // clamped to 1
        #expect(mastery.value <= 1)
    }

    @Test("mastery evidence comes from choices, reply grades and quiz answers")
    func masterySources() {
        let events: [ProgressEvent] = [
            .choiceMade(ChoiceMade(time: F.time(0), scenario: "s", node: "n", number: 1, points: 10, follows: "claims.a")),
            .choiceMade(ChoiceMade(time: F.time(1), scenario: "s", node: "n", number: 2, points: -10, breaks: "claims.b")),
            .replyGraded(ReplyGraded(time: F.time(2), rubric: "r", text: "t", score: 50, verdict: "acceptable",
                                     rules: ["apology.x"], met: ["apology.y", "apology.x"])),
            .quizAnswered(QuizAnswered(time: F.time(3), item: "q", correct: true, rules: ["quiz.z", "quiz.z"])),
        ]
        let state = TraineeState(replaying: events)
        #expect(abs(state.mastery(ofRule: "claims.a") - 1 / 1.8) < 1e-9)
        #expect(state.mastery(ofRule: "claims.b") == 0)
        #expect(state.rules["claims.b"]?.mastery.evidence == 1)
        #expect(state.mastery(ofRule: "apology.x") == 0, "a rule both broken and met counts as broken")
        #expect(abs(state.mastery(ofRule: "apology.y") - 0.5 / 1.8) < 1e-9, "a met criterion counts score/100")
        #expect(state.rules["quiz.z"]?.mastery.evidence == 1, "a rule listed twice in one item counts once")
        #expect(state.rules["quiz.z"]?.quiz == TraineeState.Tally(attempts: 1, correct: 1))
        #expect(state.mastery(ofRule: "never.seen") == 0)
        #expect(abs(state.mastery(ofRules: ["claims.a", "claims.b", "claims.c"]) - (1 / 1.8) / 3) < 1e-9)
        let groups = state.groups
        #expect(groups.map(\.group) == ["apology", "claims", "quiz"])
        #expect(abs(groups[1].mastery - (1 / 1.8) / 2) < 1e-9)
        #expect(groups[1].rules == 2)
    }

    @Test("rules broken in a run are counted once even though the run's summary repeats them; a deadline only in the summary counts too")
    func noDoubleCounting() {
        let events = Self.run("s", at: 0, score: 30, choices: [(nil, "claims.r"), ("claims.f", nil)],
                              broken: ["claims.r", "claims.deadline"], followed: ["claims.f"])
            + [.scenarioEnded(ScenarioEnded(time: F.time(500), scenario: "t", ending: "e", outcome: "o", score: 1,
                                            broken: ["claims.r"], seconds: 1))]  // a summary-only run
        let state = TraineeState(replaying: events)
        #expect(state.rules["claims.r"]?.broken == 2)
        #expect(state.rules["claims.r"]?.mastery.evidence == 2)
        #expect(state.rules["claims.deadline"]?.broken == 1)
        #expect(state.rules["claims.f"]?.followed == 1)
        #expect(state.rules["claims.f"]?.mastery.evidence == 1)
        #expect(state.mostBroken() == [.init(rule: "claims.r", count: 2), .init(rule: "claims.deadline", count: 1)])
    }

    @Test("runs of different scenarios may interleave")
    func interleavedRuns() {
        let a = Self.run("a", at: 0, score: 50, choices: [(nil, "x.r")], broken: ["x.r"])
        let b = Self.run("b", at: 0, score: 50, choices: [(nil, "x.r")], broken: ["x.r"])
        let mixed = [a[0], b[0], a[1], b[1], b[2], a[2]]
        #expect(TraineeState(replaying: mixed).rules["x.r"]?.broken == 2)
    }

    @Test("the most broken rules are sorted by count, then id")
    func mostBroken() {
        let events = ["b.x", "a.x", "c.x", "a.x", "b.x"].enumerated().map { index, rule in
            ProgressEvent.choiceMade(ChoiceMade(time: F.time(Double(index)), scenario: "s", node: "n", number: 1, points: 0, breaks: rule))
        }
        let state = TraineeState(replaying: events)
        #expect(state.mostBroken(limit: 2).map(\.rule) == ["a.x", "b.x"])
        #expect(state.weakestRules(limit: 3).map(\.rule) == ["a.x", "b.x", "c.x"])
    }

    @Test("streak: consecutive practice days up to today or yesterday; the longest run is kept")
    func streak() {
        let day = 86_400.0
        let events = [0.0, 1, 2, 4, 5].map { d in
            ProgressEvent.quizAnswered(QuizAnswered(time: F.time(d * day), item: "q", correct: true))
        }
        let state = TraineeState(replaying: events)
        #expect(state.longestStreak == 3)
        #expect(state.currentStreak(asOf: F.time(5 * day + 60)) == 2)
        #expect(state.currentStreak(asOf: F.time(6 * day)) == 2, "not yet practised today: the streak is still alive")
        #expect(state.currentStreak(asOf: F.time(7 * day)) == 0)
        #expect(state.practiceDays.count == 5)
        #expect(TraineeState().currentStreak(asOf: F.t0) == 0)
    }

    @Test("streak days follow the time zone given to the replay")
    func streakTimeZone() {
        let late = Timestamp(iso8601: "2025-06-15T23:30:00.000Z")!
        let events = [late, late.adding(seconds: 3600)].map {
            ProgressEvent.quizAnswered(QuizAnswered(time: $0, item: "q", correct: true))
        }
        #expect(TraineeState(replaying: events).practiceDays.count == 2)
        let berlin = TraineeState(replaying: events, options: .init(timeZone: TimeZone(identifier: "Europe/Berlin")!))
        #expect(berlin.practiceDays.count == 1, "01:30 and 02:30 in Berlin are one day")
        let newYork = TraineeState(replaying: events, options: .init(timeZone: TimeZone(identifier: "America/New_York")!))
        #expect(newYork.practiceDays.count == 1, "19:30 and 20:30 in New York are one day")
    }

    @Test("quiz statistics per item and topic")
    func quizStats() {
        let events: [ProgressEvent] = [
            .quizAnswered(QuizAnswered(time: F.time(0), item: "q1", correct: true, topic: "claims")),
            .quizAnswered(QuizAnswered(time: F.time(1), item: "q1", correct: false, topic: "claims")),
            .quizAnswered(QuizAnswered(time: F.time(2), item: "q2", correct: true, topic: "returns")),
        ]
        let quiz = TraineeState(replaying: events).quiz
        #expect(quiz.answered == 3)
        #expect(quiz.correct == 2)
        #expect(quiz.items["q1"]?.attempts == 2)
        #expect(quiz.items["q1"]?.lastCorrect == false)
        #expect(quiz.topics["claims"] == TraineeState.Tally(attempts: 2, correct: 1))
    }

    @Test("every review of a card is kept in order for the scheduler; the last one says when it is due")
    func reviews() {
        let first = ReviewRated(time: F.time(0), card: "c1", rating: 1, seconds: 5, due: F.time(600), stability: 0.4, difficulty: 6)
        let second = ReviewRated(time: F.time(700), card: "c1", rating: 3, seconds: 3, due: F.time(86_400), stability: 2, difficulty: 5)
        let other = ReviewRated(time: F.time(800), card: "c2", rating: 4, seconds: 2, due: F.time(900), stability: 9, difficulty: 3)
        let state = TraineeState(replaying: [first, second, other].map(ProgressEvent.reviewRated))
        #expect(state.reviews["c1"] == [first, second])
        #expect(state.lastReviews["c1"] == second)
        #expect(state.reviewsDue(at: F.time(1000)).map(\.card) == ["c2"])
        #expect(state.reviewsDue(at: F.time(90_000)).map(\.card) == ["c2", "c1"])
        #expect(state.secondsInReviews == 10)
        #expect(state.totalSeconds == 10)
    }

    @Test("unknown events are counted and otherwise ignored")
    func unknownIgnored() {
        let state = TraineeState(replaying: [.unknown(type: "x", raw: "{}")] + Self.run("a", at: 0, score: 5))
        #expect(state.unknownEventCount == 1)
        #expect(state.eventCount == 3)
        #expect(state.bestScore(of: "a") == 5)
    }

    @Test("applying events one by one gives the same state as a replay of the file")
    func incremental() throws {
        let dir = ProgressTempDirectory()
        let log = try ProgressLog(path: dir.file("ana.jsonl"), program: "t")
        var live = TraineeState()
        for event in ProgressFixtures.samples + Self.run("a", at: 900, score: 70, choices: [("claims.x", nil)]) {
            try log.append(event)
            live.apply(event)
        }
        #expect(try log.replay().state == live)
    }

    @Test("best score per day for the chart")
    func dailyBest() {
        let events = Self.run("a", at: 0, score: 40) + Self.run("b", at: 100, score: 70) + Self.run("a", at: 86_400, score: 55)
        let points = TraineeState(replaying: events).dailyBestScores()
        #expect(points.map(\.score) == [70, 55])
        #expect(points[1].day == points[0].day + 1)
    }
}
