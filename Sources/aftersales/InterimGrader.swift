import AfterSalesKit

/// A deliberately simple scorer used until the rubric grader lands; the player says so on screen.
/// 25 points each for an apology word, a named remedy, a follow-up inside Amazon messaging, and no blame.
struct InterimGrader: ReplyGrading {
    func grade(_ reply: String, rubric: String, variables: [String: String], context: [String: String], language: Language) -> GradeReport {
        let text = reply.lowercased()
        let checks: [(String, [String])] = [
            ("apology", ["sorry", "apolog"]),
            ("concrete_solution", ["refund", "replacement", "replace", "reship", "return label"]),
            ("followup_channel", ["reply to this message", "amazon messag", "buyer-seller messag"]),
        ]
        var criteria: [CriterionResult] = []
        var score = 0
        for (id, words) in checks {
            let met = words.contains { text.contains($0) }
            if met { score += 25 }
            criteria.append(CriterionResult(id: id, met: met, rule: "", weight: 25))
        }
        let blames = ["your fault", "you should have", "you didn't read"].contains { text.contains($0) }
        if !blames { score += 25 }
        let violations = blames ? [ViolationResult(id: "blame_buyer", rule: "apology.no-blame", critical: true, penalty: 0)] : []
        return GradeReport(rubric: rubric, score: score, verdict: GradeReport.verdict(for: score, critical: blames),
                           criteria: criteria, violations: violations)
    }
}
