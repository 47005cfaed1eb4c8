import AfterSalesKit
import Dispatch

/// Gathers what the linter needs from the other kinds of content (quiz, rubrics, exam specs).
enum ContentChecks {
    static func lintContext(_ library: ContentLibrary) -> LintContext {
        // The grading content (rubrics, lexicon) and the quiz bank are independent: loaded side by side.
        let (root, rules) = (library.root, Set(library.rules.keys))
        let loading = Loading()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { loading.grading = GradingContent.load(root: root, knownRules: rules) }
        let bank = QuizBank.load(root: library.root, ruleIDs: library.rules.isEmpty ? nil : Set(library.rules.keys))
        var perRule: [String: Int] = [:]
        for question in bank.questions { for rule in Set(question.rules) { perRule[rule, default: 0] += 1 } }
        // The content linter reports untested rules itself, once for all kinds of content.
        let quizProblems = bank.diagnostics.filter { $0.code != .untestedRule && $0.code != .untrainedRule }
        let base = LintContext(
            quizItemsPerRule: bank.questions.isEmpty ? nil : perRule,
            extraDiagnostics: quizProblems + ExamSpecLinter.lintAll(library: library, quiz: QuizExamBank(bank: bank)))
        group.wait()
        let (grading, gradingProblems) = loading.grading ?? GradingContent.load(root: root, knownRules: rules)
        var context = grading.lintContext(base: base, problems: gradingProblems)
        // Spot-the-problem answers are the grader's violation ids: the quiz may not name one the grader lacks.
        let unknownSpot = Set(bank.vocabulary.violations.map(\.id)).subtracting(context.violationIDs ?? [])
        for id in unknownSpot.sorted() {
            context.extraDiagnostics.append(Diagnostic(file: "Content/quiz/vocabulary.yaml", line: 1, column: 1, code: .unknownReference,
                                                       message: "violation '\(id)' is not defined by any rubric"))
        }
        return context
    }
}

/// The grading content loaded on another thread: written once before `group.wait()` returns, read after.
private final class Loading: @unchecked Sendable {
    var grading: (GradingContent, [Diagnostic])?
}
