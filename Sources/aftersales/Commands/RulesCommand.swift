import AfterSalesKit
import ArgumentParser
import Foundation

/// `aftersales rules [TOPIC]`: the rule cards, in the trainee's language, each with its source.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Show the rule cards, optionally for one topic.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A topic (claims, apology, returns, reviews, communication, escalation, policy) or a rule id prefix.")
    var topic: String?

    func run() throws {
        let context = try AppContext.load(global)
        let progress = try ProgressSession(context: context, options: global)
        if !RuleCards(context: context).show(topic, progress: progress) { throw ExitCode(2) }
    }
}

/// Renders rule cards; shared by the subcommand and the REPL's `rules`.
struct RuleCards {
    let context: AppContext

    /// Returns false (after saying so) when the topic matches no rule.
    @discardableResult
    func show(_ topic: String?, progress: ProgressSession? = nil) -> Bool {
        let s = context.strings
        let language = context.language
        let rules = context.library.ruleOrder.compactMap { context.library.rules[$0] }.filter { rule in
            guard let topic = topic?.lowercased() else { return true }
            return rule.group == topic || rule.source.section == topic || rule.id.hasPrefix(topic)
        }
        guard !rules.isEmpty else {
            let topics = Set(context.library.rules.values.map(\.group)).sorted().joined(separator: ", ")
            context.console.line(s("rules.none", ["topic": topic ?? "", "topics": topics]), .yellow)
            return false
        }
        var group = ""
        for rule in rules {
            if rule.group != group {
                group = rule.group
                context.console.line()
                context.console.line(s("topic.\(group)"), .bold)
            }
            context.console.line("• " + rule.title.text(language) + "  [\(rule.id)]", .cyan, indent: "  ")
            context.console.line("  " + rule.text.text(language), indent: "  ")
            if let changed = rule.supersedes {
                context.console.line("  " + s("rules.changed", ["text": changed.text(language)]), .yellow, indent: "  ")
            }
            let sources = [rule.source.guide.map { s("rules.source_guide", ["ref": $0]) },
                           rule.source.policy.map { s("rules.source_policy", ["ref": $0]) }].compactMap { $0 }
            for source in sources { context.console.line("  " + source, .dim, indent: "    ") }
        }
        // Opening a topic's cards is the onboarding path's first step for that topic.
        for group in Set(rules.map(\.group)).sorted() where topic != nil {
            progress?.record(.rulesRead(RulesRead(time: Timestamp(Date()), topic: group)))
        }
        return true
    }
}
