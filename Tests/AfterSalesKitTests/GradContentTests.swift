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

    @Test func everyRubricUsesTheIssuesIDsAndBindsEachToAKnownRule() throws {
        let library = try #require(GradSupport.library)
        let criteria: Set = ["apology", "acknowledge_problem", "ownership", "concrete_solution", "timeline", "improvement", "followup_channel", "personalization"]
        let violations: Set = ["blame_buyer", "vague_no_action", "no_followup", "external_contact", "review_change_request", "review_incentive",
                               "hostile_tone", "sarcasm", "overpromise", "personal_info_request", "unfilled_placeholder", "wrong_language"]
        let critical: Set = ["external_contact", "review_change_request", "review_incentive", "blame_buyer", "hostile_tone", "sarcasm",
                             "personal_info_request", "vague_no_action"]
        for rubric in GradSupport.content.rubrics.values {
            #expect(Set(rubric.criteria.map(\.id)).isSubset(of: criteria), "\(rubric.id)")
            #expect(Set(rubric.violations.map(\.id)) == violations, "\(rubric.id)")
            #expect(Set(rubric.violations.filter(\.critical).map(\.id)) == critical, "\(rubric.id)")
            for rule in rubric.rules { #expect(library.rules[rule] != nil, "\(rubric.id): \(rule)") }
            for item in rubric.criteria { #expect(item.fix.missing.isEmpty) }
            for item in rubric.violations { #expect(item.fix.missing.isEmpty) }
        }
    }

    func load(lexicon: String, rubric: String) -> [Diagnostic] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("grad-content-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("Content/lexicon"), withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("Content/rubrics"), withIntermediateDirectories: true)
        try? lexicon.write(to: root.appendingPathComponent("Content/lexicon/a.yaml"), atomically: true, encoding: .utf8)
        try? rubric.write(to: root.appendingPathComponent("Content/rubrics/r.yaml"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        return GradingContent.load(root: root, knownRules: ["r.a"]).1
    }

    let goodRubric = """
        id: r
        title: {en: R, zh: R}
        criteria:
          - {id: apology, rule: r.a, weight: 10, detect: [{any: [sorry]}], fix: {en: a, zh: b}}
        violations: []
        """

    @Test func badPhraseSyntaxPointsAtTheLine() throws {
        let problems = load(lexicon: """
            concepts:
              sorry:
                phrases:
                  - "sorry"
                  - "*2 sorry"
                  - "so @nope sorry"
            """, rubric: goodRubric)
        let gap = try #require(problems.first { $0.message.contains("*2 sorry") })
        #expect(gap.file == "Content/lexicon/a.yaml" && gap.line == 5 && gap.column == 9)
        let unknown = try #require(problems.first { $0.message.contains("@nope") })
        #expect(unknown.line == 6)
    }

    @Test func rubricReferencesAreChecked() {
        let problems = load(lexicon: "concepts: {sorry: {phrases: [sorry]}}", rubric: """
            id: r
            title: {en: R, zh: R}
            criteria:
              - {id: apology, rule: r.unknown, weight: 10, detect: [{any: [sorri]}], fix: {en: a}}
            violations:
              - {id: v, rule: r.a, detect: [{unmet: [nothing]}], fix: {en: a, zh: b}}
            """)
        let messages = problems.map(\.description)
        #expect(messages.contains { $0.contains("r.yaml:4") && $0.contains("AS0006") && $0.contains("r.unknown") })
        #expect(messages.contains { $0.contains("'sorri' is not a concept") })
        #expect(messages.contains { $0.contains("AS0011") && $0.contains("zh") })
        #expect(messages.contains { $0.contains("needs a penalty") })
        #expect(messages.contains { $0.contains("'nothing' is not a criterion") })
    }

    @Test func yamlErrorsHavePositions() {
        let problems = load(lexicon: "concepts:\n  sorry: {phrases: [sorry\n", rubric: goodRubric)
        #expect(problems.contains { $0.code == .yamlSyntax && $0.file == "Content/lexicon/a.yaml" && $0.line >= 2 })
    }

    @Test func phraseGroupsExpandMultiWordAlternatives() throws {
        let pattern = try PhrasePattern.parse("never (arrived|showed up|turned up)")
        #expect(pattern.variants.count == 3)
        let single = try PhrasePattern.parse("(a|b|c) d")
        #expect(single.variants.count == 1)
        #expect(throws: PhrasePattern.SyntaxError.self) { try PhrasePattern.parse("(a|b") }
        #expect(GradSupport.live("The parcel never showed up.", "problem").contains("never showed up"))
        #expect(GradSupport.live("It never arrived.", "problem").contains("never arrived"))
    }

    @Test func inflectionsCoverBritishSpellingAndDoubling() {
        let forms = Set(Inflection.forms(of: "apologize"))
        #expect(forms.isSuperset(of: ["apologizes", "apologized", "apologizing", "apologise", "apologised", "apologising"]))
        #expect(Set(Inflection.forms(of: "ship")).isSuperset(of: ["ships", "shipped", "shipping"]))
        #expect(Set(Inflection.forms(of: "reply")).isSuperset(of: ["replies", "replied", "replying"]))
        #expect(Set(Inflection.forms(of: "send", irregular: ["send": ["sent"]])).contains("sent"))
    }

    @Test func lintContextCarriesRubricIDsAndRules() {
        let context = GradSupport.content.lintContext()
        #expect(context.rubricIDs?.contains("claim-response") == true)
        #expect(context.violationIDs?.contains("review_incentive") == true)
        #expect(context.rubricRules["apology-letter"]?.contains("apology.no-blame") == true)
    }
}
