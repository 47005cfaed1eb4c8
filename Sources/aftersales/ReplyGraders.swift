import AfterSalesKit
import Foundation

/// The rubric grader, loaded on the first reply it grades: rubrics and lexicons are only parsed when a
/// session actually asks for a written reply, so they add nothing to start-up.
final class LazyGrader: ReplyGrading, @unchecked Sendable {
    private let library: ContentLibrary
    private let lock = NSLock()
    private var loaded: Grader?

    init(library: ContentLibrary) { self.library = library }

    func grade(_ reply: String, rubric: String, variables: [String: String], context: [String: String], language: Language) -> GradeReport {
        grader.grade(reply, rubric: rubric, variables: variables, context: context, language: language)
    }

    private var grader: Grader {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        // Content was linted before it was cached, so rubric problems cannot reach here unnoticed.
        let content = GradingContent.load(root: library.root, knownRules: Set(library.rules.keys)).0
        let made = Grader(content: content, library: library)
        loaded = made
        return made
    }
}
