import AfterSalesKit

/// Gathers what the linter needs from the other kinds of content (rubrics, quiz) as they become available.
enum ContentChecks {
    static func lintContext(_ library: ContentLibrary) -> LintContext {
        // Rubrics and lexicons: their own problems, rubric ids scenarios may use, and the rules rubrics train.
        let (grading, problems) = GradingContent.load(root: library.root, knownRules: Set(library.rules.keys))
        return grading.lintContext(base: LintContext(), problems: problems)
    }
}
