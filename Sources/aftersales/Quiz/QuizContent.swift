import AfterSalesKit
import Foundation

/// The question bank for the CLI, loaded from the content root the app already found.
enum QuizContent {
    /// Loads and lints the bank; content errors go to stderr with file:line:column. The valid items stay usable.
    static func load(_ context: AppContext) -> QuizBank {
        let rules = context.library.rules
        let bank = QuizBank.load(root: context.library.root, ruleIDs: rules.isEmpty ? nil : Set(rules.keys))
        let errors = bank.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            standardError(context.strings("quiz.content_errors", ["count": "\(errors.count)"]) + "\n"
                + errors.map { Sanitize.line($0.description) }.joined(separator: "\n"))
        }
        return bank
    }
}
