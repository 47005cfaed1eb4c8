import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// `progress`: mastery per topic as bar charts, the onboarding path, best scores, the rules most often
/// broken, reviews due, the practice streak and a small chart of scores over time. Unicode blocks and
/// colour on a terminal; plain ASCII when `NO_COLOR` is set or the output is not a terminal.
struct ProgressReport {
    let context: AppContext
    let progress: ProgressSession

    private var s: StringTable { context.strings }
    private var fancy: Bool { context.console.colour }

    struct Summary: Encodable {
        struct Topic: Encodable { var topic: String; var mastery: Int; var rules: Int }
        struct Step: Encodable { var id: String; var status: String }
        struct Best: Encodable { var scenario: String; var score: Int; var attempts: Int }
        struct Broken: Encodable { var rule: String; var count: Int }
        struct Score: Encodable { var time: String; var scenario: String; var score: Int }
        var trainee: String
        var events: Int
        var minutesPractised: Int
        var streakDays: Int
        var longestStreakDays: Int
        var topics: [Topic]
        var onboarding: [Step]
        var bestScores: [Best]
        var mostBroken: [Broken]
        var reviewsDue: Int
        var nextReview: String?
        var quizAnswered: Int
        var quizCorrect: Int
        var scores: [Score]
    }

    func summary() -> Summary {
        let state = progress.state()
        let groups = Dictionary(grouping: context.library.ruleOrder) { $0.split(separator: ".").first.map(String.init) ?? $0 }
        let order = context.library.ruleOrder.compactMap { $0.split(separator: ".").first.map(String.init) }
        var seen = Set<String>()
        let topics = order.filter { seen.insert($0).inserted }.map { group in
            Summary.Topic(topic: group, mastery: Int((state.mastery(ofRules: groups[group] ?? []) * 100).rounded()), rules: groups[group]?.count ?? 0)
        }
        let steps = context.library.curriculum.map {
            $0.value.statuses(state.achievements, scenarios: context.library.sortedScenarios).map { Summary.Step(id: $0.step.id, status: $0.status.rawValue) }
        } ?? []
        let (queue, _, now) = QuizRunner.queue(context: context, bank: QuizContent.load(context), progress: progress, newLimit: 0)
        let iso = ISO8601DateFormatter()
        return Summary(
            trainee: progress.trainee, events: state.eventCount, minutesPractised: Int((state.totalSeconds / 60).rounded()),
            streakDays: state.currentStreak(asOf: Timestamp(now)), longestStreakDays: state.longestStreak,
            topics: topics, onboarding: steps,
            bestScores: state.bestScores.map { Summary.Best(scenario: $0.scenario, score: $0.score, attempts: $0.attempts) },
            mostBroken: state.mostBroken(limit: 5).map { Summary.Broken(rule: $0.rule, count: $0.count) },
            reviewsDue: queue.due.count + queue.skills.count, nextReview: queue.next.map { iso.string(from: $0.due) },
            quizAnswered: state.quiz.answered, quizCorrect: state.quiz.correct,
            scores: state.scoreHistory.suffix(30).map { Summary.Score(time: iso.string(from: $0.time.date), scenario: $0.scenario, score: $0.score) })
    }

    func show(json: Bool) {
        let summary = summary()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
            return context.console.raw(String(decoding: data, as: UTF8.self) + "\n")
        }
        let console = context.console
        console.line(s("progress.title", ["trainee": summary.trainee]), .bold)
        console.line(s("progress.totals", ["events": "\(summary.events)", "minutes": "\(summary.minutesPractised)",
                                           "streak": "\(summary.streakDays)", "longest": "\(summary.longestStreakDays)"]))
        console.line()
        console.line(s("progress.mastery"), .bold)
        let labels = summary.topics.map { s("topic.\($0.topic)") }
        let width = labels.map { DisplayWidth.of($0) }.max() ?? 0
        for (topic, label) in zip(summary.topics, labels) {
            let padded = label + String(repeating: " ", count: width - DisplayWidth.of(label))
            console.line("  \(padded)  \(bar(topic.mastery))  \(topic.mastery)%", topic.mastery >= 80 ? .green : topic.mastery >= 50 ? .yellow : .red)
        }
        if !summary.onboarding.isEmpty {
            console.line()
            console.line(s("progress.onboarding"), .bold)
            let titles = Dictionary(uniqueKeysWithValues: (context.library.curriculum?.value.steps ?? []).map { ($0.id, $0.title.text(context.language)) })
            for step in summary.onboarding {
                let mark = fancy ? ["done": "✓", "unlocked": "▶", "locked": "·"][step.status] ?? "?" : ["done": "[x]", "unlocked": "[>]", "locked": "[ ]"][step.status] ?? "?"
                let style: Console.Style = step.status == "done" ? .green : step.status == "unlocked" ? .bold : .dim
                console.line("  \(mark) \(titles[step.id] ?? step.id)  (\(s("progress.status.\(step.status)")))", style)
            }
        }
        console.line()
        console.line(s("progress.best"), .bold)
        if summary.bestScores.isEmpty { console.line("  " + s("progress.none")) }
        for best in summary.bestScores {
            console.line("  \(best.scenario)  \(best.score)/100  (\(s("progress.attempts", ["count": "\(best.attempts)"])))")
        }
        console.line()
        console.line(s("progress.broken"), .bold)
        if summary.mostBroken.isEmpty { console.line("  " + s("progress.none")) }
        for broken in summary.mostBroken {
            let title = context.library.rules[broken.rule]?.title.text(context.language) ?? broken.rule
            console.line("  ×\(broken.count)  \(title) [\(broken.rule)]", indent: "       ")
        }
        console.line()
        console.line(s("progress.reviews", ["due": "\(summary.reviewsDue)", "answered": "\(summary.quizAnswered)", "correct": "\(summary.quizCorrect)"]))
        if let next = summary.nextReview { console.line("  " + s("progress.next_review", ["time": next])) }
        if !summary.scores.isEmpty {
            console.line()
            console.line(s("progress.scores"), .bold)
            console.line("  " + sparkline(summary.scores.map(\.score)) + "  " + s("progress.scores_range", ["count": "\(summary.scores.count)"]))
        }
    }

    /// A 20-cell horizontal bar for 0–100.
    private func bar(_ percent: Int) -> String {
        let filled = max(0, min(20, Int((Double(percent) / 5).rounded())))
        return fancy ? String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
                     : "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
    }

    /// One character per score, oldest first.
    private func sparkline(_ scores: [Int]) -> String {
        let levels: [Character] = fancy ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "~", "=", "+", "*", "#"]
        return String(scores.map { levels[min(levels.count - 1, max(0, $0 * levels.count / 101))] })
    }
}

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress", abstract: "Mastery, the onboarding path, best scores and reviews due.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func run() throws {
        let context = try AppContext.load(global)
        ProgressReport(context: context, progress: try ProgressSession(context: context, options: global)).show(json: json)
    }
}
