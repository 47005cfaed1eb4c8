import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Scenario run")
struct ScenarioRunTests {
    static func library() throws -> ContentLibrary {
        try ContentLoader(root: LoaderTests.fixtures.appendingPathComponent("mini")).load()
    }

    static func run(seed: UInt64 = 1) throws -> ScenarioRun {
        let library = try library()
        return ScenarioRun(scenario: library.scenarios["mini"]!.value, rules: library.rules, seed: seed)
    }

    static func grade(_ score: Int, violations: [String] = []) -> GradeReport {
        GradeReport(rubric: "apology-letter", score: score, verdict: GradeReport.verdict(for: score, critical: !violations.isEmpty),
                    violations: violations.map { ViolationResult(id: $0, rule: "claims.no-blame", critical: true, penalty: 0) })
    }

    @Test func startsAtTheStartNodeWithTheBuyerLine() throws {
        let run = try Self.run()
        #expect(run.node.id == "open")
        #expect(run.transcript.first == .buyer("Hello, Ann here."))
        guard case .decide(_, let offered) = run.step else { Issue.record("not at a decision"); return }
        #expect(offered.map(\.number) == [1, 2, 3], "the fallback choice is hidden while others remain")
    }

    @Test func aChoiceChangesScoreMoodClockAndNode() throws {
        var run = try Self.run()
        try run.choose(1)
        #expect(run.points == 50)
        #expect(run.mood == 40)
        #expect(run.clock.elapsed == 1)
        #expect(run.node.id == "write")
        #expect(run.followed == ["claims.answer-fast"])
        #expect(run.chosen.contains("reply-now"))
        #expect(run.skills["claims"] == .init(earned: 30, possible: 30))
    }

    @Test func onceOnlyChoicesDisappearAndTheBuyerGetsAngrier() throws {
        var run = try Self.run()
        try run.choose(2)  // blame: back to the same node, angrier
        #expect(run.broken == ["claims.no-blame"])
        #expect(run.transcript.contains(.buyer("ANGRY")))
        guard case .decide(_, let offered) = run.step else { Issue.record("not at a decision"); return }
        #expect(offered.map { $0.choice.say.en } == ["Reply now", "Wait"])
        #expect(throws: ScenarioRun.RunError.noSuchChoice(3)) { try run.choose(3) }
    }

    @Test func fallbackShowsWhenNothingElseIsLeft() throws {
        var run = try Self.run()
        try run.choose(2)
        try run.choose(2)  // wait: 12h passes the 10h deadline → ending
        #expect(run.ending == "lost")
        #expect(run.transcript.contains { if case .deadlinePassed(let id, _, _) = $0 { return id == "answer" } else { return false } })
        #expect(run.broken.contains("claims.answer-fast"))
        #expect(throws: ScenarioRun.RunError.ended) { try run.choose(1) }
    }

    @Test func aGoodReplyBranchesToTheCalmNodeAndAnEndingEnds() throws {
        var run = try Self.run()
        try run.choose(1)
        try run.reply("Sorry", grade: Self.grade(90))
        #expect(run.points == 95)  // 50 + 45 (90% of 50)
        #expect(run.node.id == "calm")
        try run.choose(1)
        #expect(run.isFinished)
        #expect(run.ending == "good")
        #expect(run.score == 95)
        guard case .ended(let id, let ending) = run.step else { Issue.record("not ended"); return }
        #expect(id == "good" && ending.outcome == "resolved")
    }

    @Test func aReplyThatFiresAViolationTakesTheOtherBranch() throws {
        var run = try Self.run()
        try run.choose(1)
        try run.reply("Your fault", grade: Self.grade(90, violations: ["blame_buyer"]))
        #expect(run.ending == "lost")
        #expect(run.broken.contains("claims.no-blame"))
    }

    @Test func hintsCostPointsAndCanBeTurnedOff() throws {
        var run = try Self.run()
        let rule = try run.hint()
        #expect(rule.id == "claims.answer-fast")
        #expect(run.points == 15)
        let library = try Self.library()
        var exam = ScenarioRun(scenario: library.scenarios["mini"]!.value, rules: library.rules, hints: false)
        #expect(throws: ScenarioRun.RunError.hintsOff) { try exam.hint() }
    }

    @Test func theSameSeedGivesTheSameBuyerLines() throws {
        func calmLine(seed: UInt64) throws -> String? {
            var run = try Self.run(seed: seed)
            try run.choose(2)  // angrier
            try run.choose(1)  // mood −20 → calmer lines on the next buyer line
            try run.reply("ok", grade: Self.grade(95))
            return run.transcript.compactMap { if case .buyer(let t) = $0 { return t } else { return nil } }.last
        }
        #expect(try calmLine(seed: 7) == calmLine(seed: 7))
    }

    @Test func aDeadlineWithoutAnEndingIsRecordedOnceAndTheRunGoesOn() throws {
        let library = try Self.library()
        var scenario = library.scenarios["mini"]!.value
        scenario.deadlines.append(Deadline(id: "soft", at: Hours(5), rule: "claims.no-blame", label: Localized("x"), ending: nil, from: nil, until: nil))
        var run = ScenarioRun(scenario: scenario, rules: library.rules)
        try run.choose(1)  // 1h
        #expect(run.broken.isEmpty)
        try run.reply("ok", grade: Self.grade(90))
        #expect(!run.isFinished)
        var late = ScenarioRun(scenario: scenario, rules: library.rules)
        try late.choose(3)  // 12h: passes the soft deadline (recorded) and the hard one (ends)
        #expect(late.broken.filter { $0 == "claims.no-blame" }.count == 1)
        #expect(late.ending == "lost")
    }

    @Test func aGoodReplyCalmsTheBuyerAndABadOneAngersThem() throws {
        let library = try Self.library()
        var scenario = library.scenarios["mini"]!.value
        scenario.nodes["write"]!.reply!.effect = Effect(points: 0, mood: 20)
        var good = ScenarioRun(scenario: scenario, rules: library.rules)
        try good.choose(1)
        let before = good.mood
        try good.reply("ok", grade: Self.grade(90))
        #expect(good.mood == before - 20)
        var bad = ScenarioRun(scenario: scenario, rules: library.rules)
        try bad.choose(1)
        try bad.reply("ok", grade: Self.grade(10))
        #expect(bad.mood == before + 20)
    }

    @Test func aCycleOfPassThroughNodesStopsTheRunInsteadOfLooping() throws {
        let yaml = "id: x\ntitle: t\ntopic: claims\nstart: a\nnodes:\n  a: {next: b}\n  b: {next: a}\nendings: {}\n"
        let scenario = try YAMLDocument(file: "x.yaml", text: yaml).decode(Scenario.self)
        let run = ScenarioRun(scenario: scenario)
        #expect(run.stuck)
        #expect(run.isFinished)
        guard case .decide(_, let offered) = run.step else { Issue.record("expected an empty decision"); return }
        #expect(offered.isEmpty)
    }

    @Test func everyConditionNameAndFunctionReadsTheRun() throws {
        var run = try Self.run()
        try run.choose(1)
        let report = GradeReport(rubric: "apology-letter", score: 72, verdict: .acceptable,
                                 criteria: [CriterionResult(id: "apology", met: true, rule: "claims.no-blame", weight: 1),
                                            CriterionResult(id: "timeline", met: false, rule: "claims.no-blame", weight: 1)],
                                 violations: [ViolationResult(id: "sarcasm", rule: "claims.no-blame", critical: true, penalty: 0)])
        try run.reply("x", grade: report)
        let cases: [(String, Bool)] = [
            ("mood == 40", true), ("clock == 1h", true), ("score == 86", true), ("grade == 72", true), ("hints == 0", true),
            ("visits(open) == 1", true), ("visits(write) == 1", true), ("visits(calm) == 1", true), ("visits(open) == 2", false),
            ("chose(reply-now)", true), ("chose(nothing)", false),
            ("fired(sarcasm)", true), ("fired(blame_buyer)", false), ("met(apology)", true), ("met(timeline)", false),
            ("followed(claims.answer-fast)", true), ("broke(claims.no-blame)", true), ("broke(claims.answer-fast)", false),
        ]
        for (text, expected) in cases {
            #expect(try Condition.parse(text).isTrue(in: run) == expected, "\(text)")
        }
    }

    @Test func effectsOnArrivalApplyBeforeTheNodeIsShown() throws {
        let yaml = """
            id: x
            title: t
            topic: claims
            start: a
            nodes:
              a:
                narration: {en: Wait, zh: 等}
                effect: {points: 5, mood: 10, clock: 2d}
                next: b
              b:
                choices:
                  - {say: go, feedback: ok, next: done, effect: {points: 1}}
            endings:
              done: {outcome: resolved, text: ok}
            """
        let scenario = try YAMLDocument(file: "x.yaml", text: yaml).decode(Scenario.self)
        let run = ScenarioRun(scenario: scenario)
        #expect(run.node.id == "b")
        #expect(run.points == 5 && run.mood == 60 && run.clock.elapsed == 48)
        #expect(run.clock.day == 3)
    }

    @Test func stickyChoicesStayAndOnceOnlyOnesGo() throws {
        let yaml = """
            id: x
            title: t
            topic: claims
            start: a
            nodes:
              a:
                choices:
                  - {say: ask again, feedback: ok, next: a, kind: sticky}
                  - {say: once, feedback: ok, next: a}
                  - {say: end, feedback: ok, next: done, effect: {points: 1}}
            endings:
              done: {outcome: resolved, text: ok}
            """
        let scenario = try YAMLDocument(file: "x.yaml", text: yaml).decode(Scenario.self)
        var run = ScenarioRun(scenario: scenario)
        try run.choose(2)  // once-only: gone afterwards
        try run.choose(1)  // sticky: stays
        guard case .decide(_, let offered) = run.step else { Issue.record("not at a decision"); return }
        #expect(offered.map { $0.choice.say.en } == ["ask again", "end"])
        #expect(run.visits["a"] == 3)
    }

    @Test func clockShowsDayAndTime() {
        var clock = SimulatedClock(startHour: 9)
        #expect((clock.day, clock.timeOfDay) == (1, "09:00"))
        clock.elapsed = 29.5
        #expect((clock.day, clock.timeOfDay) == (2, "14:30"))
    }
}
