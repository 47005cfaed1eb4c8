import Foundation
import Testing

@testable import AfterSalesKit

/// The grader against the labelled corpus. The issue's targets are asserted on the lines the grader was tuned on;
/// the held-out split (`"split": "heldout"`, written last, never tuned against) is reported and only guarded against
/// regressions. Every earlier held-out batch (`held-`, `hd2-` … `hd5-`) became tuning data after it was measured, so
/// the corpus may have no held-out line between batches: then the held-out test is skipped (it says so) rather than
/// passing on nothing, and it runs again once the next batch is added with `"split": "heldout"`.
@Suite("Grader corpus evaluation")
struct GradCorpusTests {
    static var critical: Set<String> {
        Set(GradSupport.content.rubrics.values.flatMap { $0.violations.filter(\.critical).map(\.id) })
    }

    static let cases: [CorpusCase] = (try? Evaluation.parse(Data(contentsOf: GradSupport.corpusURL))) ?? []

    func report(_ summary: EvaluationSummary) -> String {
        Evaluation.text(summary, critical: Self.critical, strings: GradSupport.library!.strings(for: .en), details: true)
    }

    @Test func corpusIsLargeAndCoversEveryRubricVerdictAndViolation() {
        #expect(Self.cases.count >= 250)
        #expect(Set(Self.cases.map(\.rubric)) == ["apology-letter", "claim-response", "return-guidance", "review-response"])
        #expect(Set(Self.cases.map(\.verdict)) == [.good, .acceptable, .bad])
        let labelled = Set(Self.cases.flatMap(\.violations))
        for id in GradSupport.content.rubrics["apology-letter"]!.violations.map(\.id) { #expect(labelled.contains(id), "\(id)") }
        #expect(Self.cases.contains { $0.context?["feedback_kind"] == "seller-feedback" })
        #expect(Set(Self.cases.map(\.id)).count == Self.cases.count)
    }

    @Test func tuningCorpusMeetsTheIssueTargets() {
        let summary = Evaluation.run(Self.cases.filter { $0.split != "heldout" }, grader: GradSupport.grader, name: "tuning")
        if ProcessInfo.processInfo.environment["GRADER_EVAL_PRINT"] != nil { print(report(summary)) }
        if !summary.meetsTargets(critical: Self.critical) { Issue.record("targets missed:\n\(report(summary))") }
    }

    static var heldOut: [CorpusCase] { cases.filter { $0.split == "heldout" } }

    @Test(.enabled(if: !GradCorpusTests.heldOut.isEmpty, "no held-out batch in the corpus"))
    func heldOutSplitDoesNotRegress() {
        let heldOut = Self.heldOut
        #expect(heldOut.count >= 50)
        let summary = Evaluation.run(heldOut, grader: GradSupport.grader, name: "heldout")
        if ProcessInfo.processInfo.environment["GRADER_EVAL_PRINT"] != nil { print(report(summary)) }
        // A floor against regressions, not a target. The held-out split is `hd6-` and `hd7-` (160 replies, sixteen new
        // voices), first measured together at 0.84 / kappa 0.75 (0.78 and 0.90 apart); the floor is two replies below.
        // Once a new batch has been measured untouched, set the floor just below its own first figure.
        #expect(summary.accuracy >= 0.825, "\(report(summary))")
        #expect(summary.kappa >= 0.72)
    }
}
