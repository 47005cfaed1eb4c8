import AfterSalesKit

/// Gathers what the linter needs from the other kinds of content (rubrics, quiz) as they become available.
enum ContentChecks {
    static func lintContext(_ library: ContentLibrary) -> LintContext {
        LintContext()
    }
}
