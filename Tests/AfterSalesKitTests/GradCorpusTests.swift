import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Grader corpus evaluation")
struct GradCorpusTests {
    static var critical: Set<String> {
        Set(GradSupport.content.rubrics.values.flatMap { $0.violations.filter(\.critical).map(\.id) })
    }

    @Test func corpusMeetsTheIssueTargets() throws {
        let cases = try Evaluation.parse(Data(contentsOf: GradSupport.corpusURL))
        #expect(cases.count >= 250)
        let summary = Evaluation.run(cases, grader: GradSupport.grader)
        let report = Evaluation.text(summary, critical: Self.critical, strings: GradSupport.library!.strings(for: .en), details: true)
        if ProcessInfo.processInfo.environment["GRADER_EVAL_PRINT"] != nil { print(report) }
        if !summary.meetsTargets(critical: Self.critical) { Issue.record("targets missed:\n\(report)") }
    }
}
