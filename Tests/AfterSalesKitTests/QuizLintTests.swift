import Foundation
import Testing

@testable import AfterSalesKit

/// The quiz linter: every problem is reported with file:line:column, and valid items still load.
@Suite("Quiz linter")
struct QuizLintTests {
    typealias F = QuizFixtures

    /// One valid single-choice item, with `extra` lines and replacements to break it.
    static func item(id: String = "q1", rules: String = "[claims.a]", answer: String = "answer: 2",
                     options: String = "    options:\n      - {en: One, zh: 一}\n      - {en: Two, zh: 二}\n      - {en: Three, zh: 三}\n",
                     prompt: String = "{en: Which?, zh: 哪个？}", type: String = "single") -> String {
        """
          - id: \(id)
            topic: claims
            type: \(type)
            rules: \(rules)
            prompt: \(prompt)
        \(options)    \(answer)
            explanation: {en: Because., zh: 因为。}
            source: guide §1
        
        """
    }

    static func file(_ items: String...) -> String { "items:\n" + items.joined() }

    func only(_ diagnostics: [Diagnostic]) -> Diagnostic? { diagnostics.count == 1 ? diagnostics[0] : nil }

    @Test func validItemHasNoDiagnostics() throws {
        let result = F.lint(Self.file(Self.item()))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let question = try #require(result.questions.first)
        #expect(question.body == .single(options: F.options([("One", "一"), ("Two", "二"), ("Three", "三")]), answer: 1))
        #expect(question.location?.line == 2)
    }

    @Test func unknownRuleIdPointsAtTheId() throws {
        let result = F.lint(Self.file(Self.item(rules: "[claims.a, claims.nope]")))
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .unknownRule)
        #expect(diagnostic.description.hasPrefix("Content/quiz/test.yaml:5:23: error: AS0006"))
        #expect(diagnostic.message.contains("claims.nope"))
        #expect(result.questions.isEmpty, "an item with an error is not played")
    }

    @Test func missingAnswerPointsAtTheItem() throws {
        let result = F.lint(Self.file(Self.item(answer: "")))
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .badQuizItem)
        #expect((diagnostic.line, diagnostic.column) == (2, 5))
        #expect(diagnostic.message.contains("missing answer"))
    }

    @Test func answerNotAmongTheOptionsPointsAtTheAnswer() throws {
        let result = F.lint(Self.file(Self.item(answer: "answer: 5")))
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .badQuizItem)
        #expect((diagnostic.line, diagnostic.column) == (11, 13))
        #expect(diagnostic.message.contains("answer 5 is not among the 3 options"))
        let multi = F.lint(Self.file(Self.item(answer: "answer: [1, 4]", type: "multi")))
        #expect(multi.diagnostics.map(\.line) == [11])
        #expect(multi.diagnostics.first?.column == 17, "points at the 4")
    }

    @Test func duplicateIdsAcrossFiles() throws {
        let first = try YAMLDocument(file: "Content/quiz/a.yaml", text: Self.file(Self.item()))
        let second = try YAMLDocument(file: "Content/quiz/b.yaml", text: Self.file(Self.item(answer: "answer: 1")))
        let items = QuizBank.decodeItems(first).0 + QuizBank.decodeItems(second).0
        let result = QuizLinter(ruleIDs: ["claims.a"], vocabulary: F.vocabulary).lint(items)
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .duplicateID)
        #expect(diagnostic.file == "Content/quiz/b.yaml" && diagnostic.line == 2)
        #expect(diagnostic.message.contains("Content/quiz/a.yaml:2:"))
        #expect(result.questions.count == 1)
    }

    @Test func missingTranslationIsReported() throws {
        let result = F.lint(Self.file(Self.item(prompt: "Which one?")))
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .missingTranslation)
        #expect(diagnostic.line == 6)
        #expect(diagnostic.message.contains("prompt has no zh"))
        let option = F.lint(Self.file(Self.item(options: "    options:\n      - {en: One}\n      - {en: Two, zh: 二}\n")))
        #expect(option.diagnostics.map(\.code) == [.missingTranslation])
        #expect(option.diagnostics.first?.line == 8)
    }

    @Test func catchAllOptionsAreRefused() throws {
        let options = "    options:\n      - {en: One, zh: 一}\n      - {en: All of the above, zh: 以上都是}\n"
        let result = F.lint(Self.file(Self.item(options: options)))
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .badQuizItem && diagnostic.line == 9)
        #expect(diagnostic.message.contains("catch-all"))
        let chinese = F.lint(Self.file(Self.item(options: "    options:\n      - {en: One, zh: 一}\n      - {en: Both, zh: 以上都不是}\n")))
        #expect(chinese.diagnostics.count == 1, "caught in Chinese too")
    }

    @Test func typeSpecificProblems() {
        let numeric = """
            items:
              - id: n1
                topic: claims
                type: numeric
                rules: [claims.a]
                prompt: {en: How many?, zh: 多少？}
                answer: 48
                unit: fortnights
                explanation: {en: E, zh: 解}
                source: s
              - id: t1
                topic: returns-and-more
                type: truefalse
                rules: [claims.b]
                prompt: {en: True?, zh: 对吗？}
                answer: 3
                explanation: {en: E, zh: 解}
                source: s
              - id: s1
                topic: claims
                type: spot
                rules: [claims.b]
                prompt: {en: Wrong?, zh: 错在哪？}
                reply: "Calm down."
                answer: [hostile_tone, rudeness]
                explanation: {en: E, zh: 解}
                source: s
              - id: x1
                topic: claims
                type: essay
                rules: []
                prompt: {en: Write, zh: 写}
                explanation: {en: E, zh: 解}
                source: s
            """
        let result = F.lint(numeric)
        let lines = result.diagnostics.map { "\($0.line):\($0.code.rawValue)" }
        #expect(lines == ["8:AS0018", "12:AS0018", "16:AS0018", "25:AS0018", "31:AS0018", "30:AS0018"], "\(result.diagnostics.map(\.description))")
        #expect(result.diagnostics[3].message.contains("'rudeness' is not among the violation ids"))
        #expect(result.questions.isEmpty)
    }

    @Test func decodingErrorsDoNotHideOtherItems() throws {
        let text = Self.file(Self.item(), "  - id: broken\n    topic: claims\n    type: single\n    rules: [claims.a]\n    source: s\n", Self.item(id: "q3"))
        let result = F.lint(text)
        let diagnostic = try #require(only(result.diagnostics))
        #expect(diagnostic.code == .wrongType)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[diagnostic.line - 1].contains("id: broken"),
                "points at the item missing its prompt")
        #expect(diagnostic.message.contains("prompt"))
        #expect(result.questions.map(\.id) == ["q1", "q3"])
    }

    @Test func coverageListsRulesWithoutItems() throws {
        let result = F.lint(Self.file(Self.item()))
        let order = ["claims.a", "claims.b", "claims.c"]
        #expect(QuizLinter.untestedRules(order, questions: result.questions) == ["claims.b", "claims.c"])
        let warnings = QuizLinter.coverageDiagnostics(order, questions: result.questions)
        #expect(warnings.map(\.code) == [.untestedRule, .untestedRule])
        #expect(warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func bankReportsAMissingVocabulary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-quiz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/quiz"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.file(Self.item()).write(to: root.appendingPathComponent("Content/quiz/claims.yaml"), atomically: true, encoding: .utf8)
        let bank = QuizBank.load(root: root, ruleIDs: ["claims.a"])
        #expect(bank.diagnostics.contains { $0.file == "Content/quiz/vocabulary.yaml" && $0.code == .unreadableFile })
        #expect(bank.diagnostics.contains { $0.file == "Content/quiz/claims.yaml" && $0.message.contains("unknown topic") })
    }
}
