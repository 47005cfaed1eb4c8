import AfterSalesKit

/// Gathers what the linter needs from the other kinds of content (rubrics, quiz) as they become available.
enum ContentChecks {
    static func lintContext(_ library: ContentLibrary) -> LintContext {
        // Exam specs (Content/exams/*.yaml); quiz references are checked once a quiz bank is wired (nil = unknown).
        LintContext(extraDiagnostics: ExamSpecLinter.lintAll(library: library, quiz: nil))
    }
}
