import Foundation
import Testing

@testable import AfterSalesKit

/// The evaluation arithmetic itself, on a grader whose answers are fixed.
@Suite("Grader evaluation arithmetic")
struct GradEvaluationTests {
    struct Fixed: ReplyGrading {
        let answers: [String: (GradeReport.Verdict, [String], [String])]
        func grade(_ reply: String, rubric: String, variables: [String: String], context: [String: String], language: Language) -> GradeReport {
            let (verdict, violations, met) = answers[reply]!
            return GradeReport(rubric: rubric, score: 0, verdict: verdict,
                               criteria: met.map { CriterionResult(id: $0, met: true, rule: "", weight: 1) },
                               violations: violations.map { ViolationResult(id: $0, rule: "", critical: true, penalty: 0) })
        }
    }

    func item(_ id: String, _ verdict: GradeReport.Verdict, _ violations: [String], _ criteria: [String]? = nil) -> CorpusCase {
        CorpusCase(id: id, rubric: "r", text: id, vars: nil, context: nil, verdict: verdict, violations: violations, criteria: criteria, split: nil)
    }

    @Test func accuracyKappaPrecisionRecall() {
        let cases = [item("a", .good, [], ["apology"]), item("b", .bad, ["blame_buyer"]), item("c", .bad, ["blame_buyer"]),
                     item("d", .acceptable, []), item("e", .bad, [])]
        let grader = Fixed(answers: ["a": (.good, [], ["apology", "timeline"]), "b": (.bad, ["blame_buyer"], []), "c": (.acceptable, [], []),
                                     "d": (.acceptable, ["blame_buyer"], []), "e": (.bad, [], [])])
        let summary = Evaluation.run(cases, grader: grader)
        #expect(summary.total == 5 && summary.correct == 4)
        #expect(abs(summary.accuracy - 0.8) < 1e-9)
        // Confusion rows: good [1,0,0], acceptable [0,1,0], bad [0,1,2]; p_e = (1·1 + 1·2 + 3·2) / 25 = 0.36.
        #expect(summary.confusion == [[1, 0, 0], [0, 1, 0], [0, 1, 2]])
        #expect(abs(summary.kappa - (0.8 - 0.36) / (1 - 0.36)) < 1e-9)
        let blame = summary.violations["blame_buyer"]!
        #expect(blame.truePositives == 1 && blame.falsePositives == 1 && blame.falseNegatives == 1)
        #expect(blame.precision == 0.5 && blame.recall == 0.5)
        #expect(summary.criteria["timeline"]?.falsePositives == 1)
        #expect(summary.criteria["apology"]?.truePositives == 1)
        #expect(!summary.meetsTargets(critical: ["blame_buyer"]))
    }

    @Test func parseReportsTheBadLine() {
        let data = Data("{\"id\":\"a\",\"rubric\":\"r\",\"text\":\"t\",\"verdict\":\"good\",\"violations\":[]}\n\n{oops}\n".utf8)
        #expect { try Evaluation.parse(data) } throws: { ($0 as? Evaluation.ParseError)?.line == 3 }
    }
}
