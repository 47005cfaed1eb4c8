import AfterSalesKit

/// Gathers what the linter needs from the other kinds of content (quiz, rubrics, exam specs).
enum ContentChecks {
    static func lintContext(_ library: ContentLibrary) -> LintContext {
        let bank = QuizBank.load(root: library.root, ruleIDs: library.rules.isEmpty ? nil : Set(library.rules.keys))
        var perRule: [String: Int] = [:]
        for question in bank.questions { for rule in Set(question.rules) { perRule[rule, default: 0] += 1 } }
        // The content linter reports untested rules itself, once for all kinds of content.
        let quizProblems = bank.diagnostics.filter { $0.code != .untestedRule && $0.code != .untrainedRule }
        let violations = bank.vocabulary.violations.map(\.id)
        return LintContext(
            violationIDs: violations.isEmpty ? nil : Set(violations),
            quizItemsPerRule: bank.questions.isEmpty ? nil : perRule,
            extraDiagnostics: quizProblems + ExamSpecLinter.lintAll(library: library, quiz: QuizExamBank(bank: bank)))
    }
}
