import Foundation

/// The reply grader: normalises and matches a reply once, evaluates the rubric, computes the score and writes
/// feedback in the trainee's language. Holds only compiled, immutable content, so one value can grade from any
/// number of threads; the same input and content always give the same report.
public struct Grader: ReplyGrading {
    public let content: GradingContent
    public let strings: [Language: StringTable]
    /// Feedback lines, rendered once: rubric id → language → (one per criterion, one per violation).
    private let feedbackLines: [String: [Language: (criteria: [String], violations: [String])]]
    /// Scenario variable values already normalised and tokenised (see `PreparedValues`).
    private let preparedValues = PreparedValues()

    /// Replies larger than this (UTF-8 bytes) are refused: no buyer message is anywhere near it.
    public static let maxBytes = 1_048_576

    public init(content: GradingContent, strings: [Language: StringTable]) {
        self.content = content
        self.strings = strings
        var lines: [String: [Language: (criteria: [String], violations: [String])]] = [:]
        for (id, rubric) in content.rubrics {
            for language in Language.allCases {
                let s = strings[language] ?? strings.values.first ?? StringTable(language: language, entries: [:])
                let criteria = rubric.criteria.map {
                    s("grade.feedback.missing", ["title": s("grade.criterion.\($0.id)"), "fix": $0.fix.text(language)])
                }
                let violations = rubric.violations.map {
                    s($0.critical ? "grade.feedback.critical" : "grade.feedback.violation",
                      ["title": s("grade.violation.\($0.id)"), "fix": $0.fix.text(language)])
                }
                lines[id, default: [:]][language] = (criteria, violations)
            }
        }
        feedbackLines = lines
    }

    public init(content: GradingContent, library: ContentLibrary) {
        self.init(content: content, strings: Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, library.strings(for: $0)) }))
    }

    func table(_ language: Language) -> StringTable {
        strings[language] ?? strings.values.first ?? StringTable(language: language, entries: [:])
    }

    /// Grades raw bytes: invalid UTF-8 is repaired (U+FFFD) and noted in the feedback rather than refused.
    public func grade(data: Data, rubric: String, variables: [String: String] = [:], context: [String: String] = [:],
                      language: Language) -> GradeReport {
        let s = table(language)
        if data.count > Grader.maxBytes { return refuse(rubric, s("grade.refused.too_long", ["limit": "\(Grader.maxBytes)"])) }
        let valid = String(data: data, encoding: .utf8)
        let text = valid ?? String(decoding: data, as: UTF8.self)
        var report = grade(text, rubric: rubric, variables: variables, context: context, language: language)
        if valid == nil && !report.refused { report.feedback.insert(s("grade.note.invalid_utf8"), at: 0) }
        return report
    }

    public func grade(_ reply: String, rubric rubricID: String, variables: [String: String], context: [String: String],
                      language: Language) -> GradeReport {
        let s = table(language)
        guard let rubric = content.rubrics[rubricID] else {
            return refuse(rubricID, s("grade.refused.unknown_rubric", ["rubric": rubricID, "known": content.rubricIDs.joined(separator: ", ")]))
        }
        if reply.utf8.count > Grader.maxBytes { return refuse(rubricID, s("grade.refused.too_long", ["limit": "\(Grader.maxBytes)"])) }
        let matches = MatchSet(reply: reply, lexicon: content.lexicon)
        guard !matches.text.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) else { return refuse(rubricID, s("grade.refused.empty")) }

        let evaluator = RubricEvaluator(rubric: rubric, lexicon: content.lexicon, matches: matches, variables: variables, context: context,
                                        prepared: preparedValues)
        let criteria = evaluator.evaluateCriteria()
        let violations = evaluator.evaluateViolations(criteria: criteria)
        let floorReason = rubric.floor.first(where: { evaluator.holds($0, criteria: criteria) }).map { reference -> String in
            switch reference {
            case .criterion(let index): return rubric.criteria[index].id
            case .term(.lexicon(let id)): return content.lexicon.names[id]
            case .term(.variable(let name, _)): return "{\(name)}"
            }
        }
        let arithmetic = GradeArithmetic.compute(rubric: rubric, criteria: criteria, violations: violations, floorReason: floorReason)

        // Specs are read in place by index (a copy of a criterion or violation would retain every list it holds).
        var criterionResults: [CriterionResult] = []
        criterionResults.reserveCapacity(criteria.count)
        for (index, finding) in criteria.enumerated() where finding.applies {
            criterionResults.append(CriterionResult(
                id: rubric.criteria[index].id, met: finding.met, rule: rubric.criteria[index].rule, weight: rubric.criteria[index].weight,
                evidence: finding.met ? evaluator.quotes(finding.evidence) : [], fix: finding.met ? nil : rubric.criteria[index].fix.text(language)))
        }
        let violationResults = violations.map { finding -> ViolationResult in
            let index = finding.index
            let critical = rubric.violations[index].critical
            return ViolationResult(id: rubric.violations[index].id, rule: rubric.violations[index].rule, critical: critical,
                                   penalty: critical ? 0 : rubric.violations[index].penalty,
                                   evidence: evaluator.quotes(finding.evidence), fix: rubric.violations[index].fix.text(language))
        }
        let critical = violationResults.contains(where: \.critical)
        return GradeReport(
            rubric: rubricID, score: arithmetic.score, verdict: GradeReport.verdict(for: arithmetic.score, critical: critical),
            criteria: criterionResults, violations: violationResults,
            feedback: feedback(rubric, criteria, violations, language, s), arithmetic: arithmetic)
    }

    /// Critical violations first, then the others, then missed criteria by weight: what to change, most important first.
    func feedback(_ rubric: Rubric, _ criteria: [RubricEvaluator.CriterionFinding], _ violations: [RubricEvaluator.ViolationFinding],
                  _ language: Language, _ s: StringTable) -> [String] {
        guard let rendered = feedbackLines[rubric.id]?[language] else { return [] }
        var lines: [String] = []
        lines.reserveCapacity(violations.count + criteria.count + 1)  // at most one line each (growing reallocated)
        for finding in violations where rubric.violations[finding.index].critical { lines.append(rendered.violations[finding.index]) }
        for finding in violations where !rubric.violations[finding.index].critical { lines.append(rendered.violations[finding.index]) }
        let missed = criteria.indices.filter { criteria[$0].applies && !criteria[$0].met }
            .sorted { (rubric.criteria[$1].weight, $0) < (rubric.criteria[$0].weight, $1) }
        for index in missed { lines.append(rendered.criteria[index]) }
        if lines.isEmpty { lines.append(s("grade.feedback.none")) }
        return lines
    }

    func refuse(_ rubric: String, _ message: String) -> GradeReport {
        GradeReport(rubric: rubric, score: 0, verdict: .bad, feedback: [message], refused: true)
    }
}
