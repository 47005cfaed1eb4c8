import Foundation
import Testing

@testable import AfterSalesKit

/// The review queue (due first, then new up to a daily limit), rule lapses, skills, and the review driver.
@Suite("Quiz review queue")
struct QuizReviewTests {
    typealias F = QuizFixtures
    static let day = 86_400.0
    static let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01 09:00 UTC
    static let utc = TimeZone(identifier: "UTC")!

    static let questions: [QuizQuestion] = [
        F.question("a", .trueFalse(true), rules: ["claims.one"]),
        F.question("b", .trueFalse(false), rules: ["claims.two"]),
        F.question("c", .trueFalse(true), rules: ["claims.two", "claims.three"]),
        F.question("d", .trueFalse(false), rules: ["claims.four"]),
    ]
    static var items: [(id: String, rules: [String])] { questions.map { ($0.id, $0.rules) } }

    func event(_ card: String, _ rating: FSRSRating, at days: Double) -> ReviewEvent {
        ReviewEvent(card: .quiz(card), rating: rating, due: Self.start, stability: 0, difficulty: 0,
                    time: Self.start.addingTimeInterval(days * Self.day))
    }

    func queue(_ events: [ReviewEvent], lapses: [RuleLapse] = [], now days: Double, limit: Int = 10) -> ReviewQueue {
        let now = Self.start.addingTimeInterval(days * Self.day)
        return ReviewQueue.build(items: Self.items, events: events, lapses: lapses, now: now,
                                 dayStart: ReviewQueue.startOfDay(now, timeZone: Self.utc), newLimit: limit)
    }

    @Test func newItemsUpToTheDailyLimit() {
        let fresh = queue([], now: 0, limit: 3)
        #expect(fresh.due.isEmpty)
        #expect(fresh.new.map(\.card.id) == ["a", "b", "c"])
        // Two items started today count against today's limit.
        let started = queue([event("a", .good, at: 0), event("b", .good, at: 0)], now: 0.1, limit: 3)
        #expect(started.newToday == 2)
        #expect(started.new.map(\.card.id) == ["c"])
        // The next day the limit is fresh again.
        #expect(queue([event("a", .good, at: 0), event("b", .good, at: 0)], now: 1, limit: 3).new.map(\.card.id) == ["c", "d"])
    }

    @Test func dueItemsComeFirstMostOverdueFirst() {
        // First Good → S = 2.3065 → due in 2 days; first Again → S = 0.212 → due in 1 day.
        let events = [event("a", .good, at: 0), event("b", .again, at: 0), event("c", .good, at: 0.5)]
        let before = queue(events, now: 0.9)
        #expect(before.due.isEmpty)
        #expect(before.next?.card == .quiz("b"))
        let later = queue(events, now: 3)
        #expect(later.due.map(\.card.id) == ["b", "a", "c"])
        #expect(later.quizEntries.map(\.card.id) == ["b", "a", "c", "d"])
        #expect(later.due.first?.due == Self.start.addingTimeInterval(Self.day))
    }

    @Test func brokenRulesMakeTheirItemsDueAtOnce() throws {
        #expect(ReviewQueue.itemsTesting(["claims.two"], in: Self.questions) == ["b", "c"])
        let events = [event("a", .good, at: 0), event("b", .easy, at: 0), event("c", .easy, at: 0)]
        let lapse = RuleLapse(rules: ["claims.two"], time: Self.start.addingTimeInterval(0.5 * Self.day), scenario: "atoz-not-received")
        let result = queue(events, lapses: [lapse], now: 0.6)
        #expect(result.due.map(\.card.id) == ["b", "c"], "due at once although scheduled for days later")
        #expect(result.due.first?.reason == .lapse(rule: "claims.two", scenario: "atoz-not-received"))
        // Reviewed after the lapse: no longer forced.
        let reviewed = queue(events + [event("b", .good, at: 0.7)], lapses: [lapse], now: 0.8)
        #expect(reviewed.due.map(\.card.id) == ["c"])
        // A lapse in the future does nothing yet; a never-seen item that tests the rule is due, not new.
        #expect(queue(events, lapses: [lapse], now: 0.4).due.isEmpty)
        let unseen = RuleLapse(rules: ["claims.four"], time: Self.start)
        let withUnseen = queue([], lapses: [unseen], now: 0.1)
        #expect(withUnseen.due.map(\.card.id) == ["d"])
        #expect(!withUnseen.new.map(\.card.id).contains("d"))
    }

    @Test func eventsForUnknownCardsAreIgnored() {
        let result = queue([event("gone", .again, at: 0)], now: 5)
        #expect(result.due.isEmpty && result.states.isEmpty)
    }

    @Test func skillsAfterRepeatedMisses() throws {
        let tracker = SkillTracker(threshold: 2)
        func seen(_ met: Bool, _ days: Double, node: String = "write-apology") -> CriterionObservation {
            CriterionObservation(criterion: "concrete-solution", rule: "apology.concrete-solution", met: met,
                                 time: Self.start.addingTimeInterval(days * Self.day), scenario: "atoz-not-received", node: node)
        }
        #expect(tracker.events(from: [seen(false, 0)]).isEmpty, "one miss is not yet a pattern")
        let observations = [seen(false, 0), seen(true, 1), seen(false, 2, node: "second-try"), seen(true, 3)]
        let events = tracker.events(from: observations)
        #expect(events.map(\.rating) == [.again, .good])
        #expect(events.allSatisfy { $0.card == .skill("concrete-solution") })
        #expect(tracker.practice(from: observations)["concrete-solution"] == PracticeTarget(scenario: "atoz-not-received", node: "second-try"))

        let now = Self.start.addingTimeInterval(30 * Self.day)
        let result = ReviewQueue.build(items: [], skills: ["concrete-solution"], events: events, now: now,
                                       dayStart: ReviewQueue.startOfDay(now, timeZone: Self.utc))
        #expect(result.skills.map(\.card) == [.skill("concrete-solution")])

        let report = GradeReport(rubric: "apology-letter", score: 40, verdict: .bad,
                                 criteria: [CriterionResult(id: "concrete-solution", met: false, rule: "apology.concrete-solution", weight: 1)])
        #expect(CriterionObservation.from(report, time: now).map(\.met) == [false])
    }

    // MARK: driver

    final class Clock: @unchecked Sendable {
        var now: Date
        init(_ now: Date) { self.now = now }
    }

    @Test func reviewDriverRatesAndReschedules() throws {
        let clock = Clock(Self.start)
        let q = queue([], now: 0)
        var driver = ReviewDriver(queue: q, questions: Self.questions, strings: F.strings(.en), vocabulary: F.vocabulary,
                                  timeZone: Self.utc, seed: 1, clock: { clock.now })
        let opening = driver.start().map(\.text).joined(separator: "\n")
        #expect(opening.contains("Review: 0 due · 4 new"))
        #expect(opening.contains("[1/4]") && opening.contains("new"))

        clock.now = Self.start.addingTimeInterval(20)
        let first = driver.handle("true").map(\.text).joined(separator: "\n")
        #expect(first.contains("Rated Good; next due 2026-01-03 (in 2 day(s))."))
        #expect(driver.handle("perhaps").first?.style == .retry, "bad input is not rated")
        _ = driver.handle("true")   // b is false: Again → 1 day
        _ = driver.handle("skip")   // Again
        let last = driver.handle("stop").map(\.text).joined(separator: "\n")
        #expect(last.contains("Review stopped after 3 of 4 items"))
        #expect(last.contains("• a: 2026-01-03 (Good)"))
        let events = driver.takeEvents()
        #expect(events.map(\.card.id) == ["a", "b", "c"])
        #expect(events.map(\.rating) == [.good, .again, .again])
        #expect(events[0].seconds == 20)
        #expect(events[0].stability == 2.3065 && events[0].due == Self.start.addingTimeInterval(20 + 2 * Self.day))
        #expect(driver.takeEvents().isEmpty, "handed over once")

        // The recorded events feed the next queue: nothing due the same day, one item left new today.
        let again = queue(events, now: 0.5, limit: 4)
        #expect(again.due.isEmpty)
        #expect(again.new.map(\.card.id) == ["d"])
    }

    @Test func ratingsFollowTheAnswer() {
        #expect(ReviewDriver.rating(for: .incorrect, seconds: 3, easyWithin: 10) == .again)
        #expect(ReviewDriver.rating(for: .skipped, seconds: nil, easyWithin: nil) == .again)
        #expect(ReviewDriver.rating(for: .partial, seconds: 3, easyWithin: 10) == .hard)
        #expect(ReviewDriver.rating(for: .correct, seconds: 30, easyWithin: 10) == .good)
        #expect(ReviewDriver.rating(for: .correct, seconds: 10, easyWithin: 10) == .easy, "edge inclusive")
        #expect(ReviewDriver.rating(for: .correct, seconds: 1, easyWithin: nil) == .good, "no Easy without timing")
    }

    @Test func nothingDueShowsTheNextDate() {
        let clock = Clock(Self.start.addingTimeInterval(0.5 * Self.day))
        let q = queue([event("a", .good, at: 0), event("b", .good, at: 0), event("c", .good, at: 0), event("d", .good, at: 0)], now: 0.5)
        var driver = ReviewDriver(queue: q, questions: Self.questions, skills: [:], strings: F.strings(.zh), vocabulary: F.vocabulary,
                                  timeZone: Self.utc, clock: { clock.now })
        let lines = driver.start().map(\.text).joined(separator: "\n")
        #expect(lines.contains("目前没有到期的题目。"))
        #expect(lines.contains("下一次到期：quiz:a，2026-01-03"))
        #expect(driver.isFinished)
    }

    @Test func dueSkillOffersItsScenarioNode() {
        let clock = Clock(Self.start.addingTimeInterval(10 * Self.day))
        let events = [ReviewEvent(card: .skill("empathy"), rating: .again, due: Self.start, stability: 0, difficulty: 0, time: Self.start)]
        let q = ReviewQueue.build(items: [], skills: ["empathy"], events: events, now: clock.now, dayStart: clock.now)
        var driver = ReviewDriver(queue: q, questions: [], skills: ["empathy": .init(title: Localized(en: "Empathy first", zh: "先共情"), rule: "escalation.empathy-first",
                                                                                     practice: PracticeTarget(scenario: "atoz-not-received", node: "write-apology"))],
                                  strings: F.strings(.en), vocabulary: F.vocabulary, timeZone: Self.utc, clock: { clock.now })
        let lines = driver.start().map(\.text).joined(separator: "\n")
        #expect(lines.contains("Skill to practise: Empathy first (escalation.empathy-first) → play atoz-not-received (node write-apology)"))
    }
}
