import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Grader content")
struct GradContentTests {
    @Test func shippedLexiconsAndRubricsCompileWithoutProblems() {
        let (content, problems) = GradSupport.loaded
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(Set(content.rubrics.keys).isSuperset(of: ["apology-letter", "claim-response", "return-guidance", "review-response"]))
    }
}
