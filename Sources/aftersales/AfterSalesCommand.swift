import AfterSalesKit
import ArgumentParser
import Foundation

/// `aftersales`: with no subcommand, the interactive trainer.
@main
struct AfterSalesCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "aftersales",
        abstract: "After-sales training simulator and quiz for Amazon seller support staff.",
        version: version,
        subcommands: [ReplCommand.self, ScenariosCommand.self, PlayCommand.self, QuizCommand.self, ReviewCommand.self,
                      RulesCommand.self, NextCommand.self, ProgressCommand.self, GradeCommand.self, ExamCommand.self, LintCommand.self],
        defaultSubcommand: ReplCommand.self
    )

    /// Usage errors exit with 2 (as most Unix tools do) instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
