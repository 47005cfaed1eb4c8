import Foundation
import Testing

@testable import AfterSalesKit

/// Scoring arithmetic and verdict rules, on a small synthetic rubric whose numbers are easy to check by hand.
@Suite("Grader scoring arithmetic")
struct GradScoringTests {
    static let lexicon = """
        settings:
          negation: {before: negator, window_before: 4}
        classes:
          filler: [very, so]
        concepts:
          negator: {phrases: ["not", "no"]}
          sorry: {negatable: true, phrases: ["sorry", "apologize+"]}
          fix: {negatable: true, phrases: ["refund+", "replace+"]}
          when: {phrases: ["today", "tomorrow"]}
          channel: {phrases: ["reply here"]}
          blame: {phrases: ["your fault"]}
          promise: {phrases: ["guarantee+"]}
          step: {phrases: ["send a photo"]}
        """

    static let rubric = """
        id: toy
        title: {en: Toy, zh: 玩具}
        critical_cap: 30
        criteria:
          - {id: apology, rule: r.a, weight: 20, detect: [{any: [sorry]}], fix: {en: say sorry, zh: 道歉}}
          - {id: concrete_solution, rule: r.b, weight: 50, detect: [{any: [fix]}], fix: {en: fix it, zh: 解决}}
          - {id: timeline, rule: r.c, weight: 20, detect: [{any: [when]}], fix: {en: say when, zh: 时间}}
          - id: personalization
            rule: r.d
            weight: 10
            applies: {vars_any: [buyer]}
            detect: [{any: ["{buyer}"]}]
            fix: {en: name, zh: 名字}
        violations:
          - {id: blame_buyer, rule: r.x, critical: true, detect: [{any: [blame]}], fix: {en: no blame, zh: 不指责}}
          - {id: overpromise, rule: r.y, penalty: 15, detect: [{any: [promise]}], fix: {en: no promises, zh: 不乱承诺}}
          - {id: vague_no_action, rule: r.z, critical: true, detect: [{none: [fix, step]}], fix: {en: act, zh: 行动}}
        gates:
          good: {all: [apology, concrete_solution, timeline]}
          floor: {any: [concrete_solution, step]}
        """

    static let grader: Grader = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("grad-scoring-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("Content/lexicon"), withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("Content/rubrics"), withIntermediateDirectories: true)
        try? lexicon.write(to: root.appendingPathComponent("Content/lexicon/toy.yaml"), atomically: true, encoding: .utf8)
        try? rubric.write(to: root.appendingPathComponent("Content/rubrics/toy.yaml"), atomically: true, encoding: .utf8)
        let (content, problems) = GradingContent.load(root: root)
        precondition(problems.isEmpty, "\(problems)")
        return Grader(content: content, strings: [:])
    }()

    func grade(_ text: String, vars: [String: String] = [:]) -> GradeReport {
        Self.grader.grade(text, rubric: "toy", variables: vars, context: [:], language: .en)
    }

    @Test func weightedMeanOverApplicableCriteriaOnly() throws {
        // personalization does not apply without a buyer variable: 70 of 90.
        let report = grade("Sorry, I will refund you.")
        let a = try #require(report.arithmetic)
        #expect(a.applicableWeight == 90 && a.metWeight == 70)
        #expect(abs(a.mean - 100 * 70 / 90) < 1e-9)
        #expect(report.criteria.map(\.id) == ["apology", "concrete_solution", "timeline"])
        #expect(report.score == 78 && report.verdict == .acceptable)
        // With the buyer variable the criterion applies: 70 of 100.
        let named = grade("Sorry, I will refund you.", vars: ["buyer": "Dana"])
        #expect(named.arithmetic?.applicableWeight == 100 && named.score == 70)
    }

    @Test func completeReplyIsGood() {
        let report = grade("Sorry Dana, refund today.", vars: ["buyer": "Dana"])
        #expect(report.score == 100 && report.verdict == .good)
        #expect(report.violations.isEmpty)
    }

    @Test func nonCriticalPenaltyIsSubtractedAndKeepsItFromGood() throws {
        let report = grade("Sorry, refund today, I guarantee it.")
        let a = try #require(report.arithmetic)
        #expect(a.mean == 100)
        #expect(a.penalties == [GradeArithmetic.Penalty(id: "overpromise", critical: false, points: 15)])
        #expect(a.afterPenalties == 85)
        // Any violation keeps a reply below good: capped at 79.
        #expect(a.goodCap == 79 && report.score == 79 && report.verdict == .acceptable)
    }

    @Test func missingGateCriterionCapsBelowGood() throws {
        // 80 by the numbers, but without a timeline the gate keeps it at 79.
        let report = grade("Sorry Dana, a refund is coming.", vars: ["buyer": "Dana"])
        let a = try #require(report.arithmetic)
        #expect(a.mean == 80)
        #expect(a.goodMissing == ["timeline"])
        #expect(report.score == 79 && report.verdict == .acceptable)
    }

    @Test func floorLiftsAClearNextStepToAcceptable() throws {
        let report = grade("Please send a photo.")
        let a = try #require(report.arithmetic)
        #expect(a.mean == 0)
        #expect(a.floorReason == "step" && a.floor == 50)
        #expect(report.score == 50 && report.verdict == .acceptable)
    }

    @Test func criticalViolationMakesItBadAndCapsTheScore() throws {
        let report = grade("Sorry, it is your fault, but refund today.")
        #expect(report.fired("blame_buyer"))
        #expect(report.verdict == .bad)
        #expect(report.score == 30)
        #expect(report.arithmetic?.criticalCap == 30)
        // No floor for a reply with a critical violation.
        let vague = grade("Sorry about that.")
        #expect(vague.fired("vague_no_action") && vague.verdict == .bad && vague.score <= 30)
    }

    @Test func scoreIsClampedAndNegationCounts() {
        let report = grade("Not sorry. No refund. I guarantee nothing.")
        #expect(!report.met("apology") && !report.met("concrete_solution"))
        #expect(report.score >= 0 && report.score <= 100)
        #expect(report.verdict == .bad)
    }

    @Test func verdictThresholds() {
        #expect(GradeReport.verdict(for: 80, critical: false) == .good)
        #expect(GradeReport.verdict(for: 79, critical: false) == .acceptable)
        #expect(GradeReport.verdict(for: 50, critical: false) == .acceptable)
        #expect(GradeReport.verdict(for: 49, critical: false) == .bad)
        #expect(GradeReport.verdict(for: 100, critical: true) == .bad)
    }

    @Test func explainShowsEveryLineOfTheArithmetic() throws {
        let library = try #require(GradSupport.library)
        let report = grade("Sorry, refund today, I guarantee it.")
        let text = GradeOutput.explain(report, strings: library.strings(for: .en))
        for needle in ["apology", "concrete_solution", "timeline", "20", "50", "weighted mean: 90 of 90", "overpromise: −15", "capped at 79", "total: 79"] {
            #expect(text.contains(needle), "\(needle) in\n\(text)")
        }
        #expect(text.contains("personalization") && text.contains("does not apply"))
    }
}
