import AfterSalesKit
import ArgumentParser
import Foundation

/// `next`: the one best thing to do now, and why — due reviews first, then the weakest rule's scenario,
/// then the next step of the onboarding path.
struct NextStep {
    let context: AppContext
    let progress: ProgressSession

    enum Advice: Equatable {
        case review(due: Int)
        case practise(rule: String, mastery: Int, scenario: String)
        case onboarding(step: String, title: String, activity: Curriculum.Step.Activity, topic: String)
        case done
    }

    func advice() -> Advice {
        let state = progress.state()
        let bank = QuizContent.load(context)
        let (queue, _, _) = QuizRunner.queue(context: context, bank: bank, progress: progress, newLimit: 0)
        let due = queue.due.count + queue.skills.count
        if due > 0 { return .review(due: due) }
        // The weakest rule with real evidence below the mastery bar, and the easiest scenario that trains it.
        for weak in state.weakestRules(limit: 10, minimumEvidence: 1) where weak.mastery < 0.6 {
            if let scenario = context.library.scenarios(training: weak.rule).first {
                return .practise(rule: weak.rule, mastery: Int((weak.mastery * 100).rounded()), scenario: scenario.id)
            }
        }
        if let curriculum = context.library.curriculum?.value,
            let next = curriculum.statuses(state.achievements, scenarios: context.library.sortedScenarios).first(where: { $0.status == .unlocked })
        {
            return .onboarding(step: next.step.id, title: next.step.title.text(context.language), activity: next.step.activity, topic: next.step.topic)
        }
        return .done
    }

    func show() {
        let s = context.strings
        switch advice() {
        case .review(let due):
            context.console.line(s("next.review", ["count": "\(due)"]), .bold)
            context.console.line(s("next.review_why"), .dim, indent: "  ")
        case .practise(let rule, let mastery, let scenario):
            let title = context.library.rules[rule]?.title.text(context.language) ?? rule
            context.console.line(s("next.practise", ["scenario": scenario]), .bold)
            context.console.line(s("next.practise_why", ["rule": rule, "title": title, "mastery": "\(mastery)"]), .dim, indent: "  ")
        case .onboarding(_, let title, let activity, let topic):
            let command: String
            switch activity {
            case .rules: command = "rules \(topic)"
            case .quiz: command = "quiz \(topic)"
            case .play:
                let state = progress.state()
                let step = context.library.curriculum?.value.steps.first { $0.title.text(context.language) == title }
                let candidates = context.library.sortedScenarios.filter { $0.topic == topic && (step?.difficulty == nil || $0.difficulty == step?.difficulty) }
                let pick = candidates.first { (state.bestScore(of: $0.id) ?? -1) < (step?.pass ?? 60) } ?? candidates.first
                command = "play \(pick?.id ?? topic)"
            }
            context.console.line(s("next.onboarding", ["command": command]), .bold)
            context.console.line(s("next.onboarding_why", ["step": title]), .dim, indent: "  ")
        case .done:
            context.console.line(s("next.done"), .bold)
        }
    }
}

struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next", abstract: "The one best thing to practise now, and why.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try AppContext.load(global)
        NextStep(context: context, progress: try ProgressSession(context: context, options: global)).show()
    }
}
