import AfterSalesKit
import Foundation
import Terminal

/// Plays one scenario at the terminal (or from a pipe): shows what the buyer writes, takes choices and
/// written replies, and ends with the score, the skills breakdown and the debrief.
final class ScenarioPlayer {
    let context: AppContext
    let reader: LineReader
    let grader: ReplyGrading
    var hintsEnabled = true
    /// Where each step is recorded as it happens; nil records nothing.
    var progress: ProgressSession?
    private var shown = 0

    init(context: AppContext, reader: LineReader, grader: ReplyGrading) {
        self.context = context
        self.reader = reader
        self.grader = grader
    }

    private var s: StringTable { context.strings }
    private var console: Console { context.console }
    private var interactive: Bool { reader is ReadlineReader }

    /// Returns the finished run, or nil when the trainee stopped or input ended first.
    @discardableResult
    func play(_ scenario: Scenario, seed: UInt64) -> ScenarioRun? {
        var run = ScenarioRun(
            scenario: scenario, flows: context.library.flows.mapValues(\.value), rules: context.library.rules,
            seed: seed, hints: hintsEnabled)
        let renderer = TranscriptRenderer(context: context, scenario: scenario)
        let started = Date()
        progress?.record(.scenarioStarted(ScenarioStarted(time: Timestamp(started), scenario: scenario.id, seed: seed)))
        console.line()
        console.line(s("play.header", ["title": scenario.title.text(context.language)]), .bold)
        console.line(s("play.topic_line", ["topic": s("topic.\(scenario.topic)"), "difficulty": "\(scenario.difficulty)"]), .dim)
        if let summary = scenario.summary { console.line(summary.filled(scenario.vars).text(context.language)) }
        while true {
            for entry in run.transcript[shown...] { renderer.render(entry, run: run) }
            shown = run.transcript.count
            switch run.step {
            case .ended:
                renderer.summary(run)
                if let ended = ScenarioEnded(run: run, time: Timestamp(Date()), seconds: Date().timeIntervalSince(started)) {
                    progress?.record(.scenarioEnded(ended))
                }
                return run
            case .decide(_, let offered):
                guard !offered.isEmpty else {
                    console.line(s("play.stuck"), .red)
                    return nil
                }
                guard let input = readChoice(count: offered.count) else { return stopped() }
                switch input {
                case .number(let number):
                    try? run.choose(number)
                    recordChoice(run)
                case .hint: showHint(&run)
                case .why: renderer.explainLastGrade(run, grader: grader)
                case .stop: return stopped()
                }
            case .write(_, let spec):
                guard let text = readReply() else { return stopped() }
                let grade = grader.grade(text, rubric: spec.rubric, variables: scenario.vars,
                                         context: spec.context ?? [:], language: context.language)
                if grade.refused {
                    for line in grade.feedback { console.line(line, .yellow) }
                    continue
                }
                try? run.reply(text, grade: grade)
                progress?.record(.replyGraded(ReplyGraded(time: Timestamp(Date()), scenario: scenario.id, node: run.transcript.lastReplyNode,
                                                          text: text, report: grade)))
            }
        }
    }

    private func recordChoice(_ run: ScenarioRun) {
        for entry in run.transcript.reversed() {
            guard case .chose(let node, let number, _, let points, let follows, let breaks, _) = entry else { continue }
            progress?.record(.choiceMade(ChoiceMade(time: Timestamp(Date()), scenario: run.scenario.id, node: node, number: number,
                                                    points: points, follows: follows, breaks: breaks)))
            return
        }
    }

    private enum ChoiceInput { case number(Int), hint, why, stop }

    private func readChoice(count: Int) -> ChoiceInput? {
        while true {
            let prompt = interactive ? console.prompt(s("play.choice_prompt", ["count": "\(count)"]), .cyan) : ""
            guard case .line(let raw) = reader.read(prompt: prompt, history: false) else { return nil }
            let line = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if line.isEmpty { continue }
            if let number = Int(line), (1...count).contains(number) { return .number(number) }
            switch line {
            case "hint": return .hint
            case "why": return .why
            case "stop", "quit": return .stop
            default: console.line(s("play.not_a_choice", ["count": "\(count)"]), .yellow)
            }
        }
    }

    /// Lines up to one holding only "."; never added to the command history.
    private func readReply() -> String? {
        console.line(s("play.reply_prompt_header"), .dim)
        var lines: [String] = []
        while true {
            let prompt = interactive ? s("play.reply_line_prompt") : ""
            guard case .line(let line) = reader.read(prompt: prompt, history: false) else {
                console.line(s("play.reply_cancelled"), .yellow)
                return nil
            }
            if line.trimmingCharacters(in: .whitespaces) == "." {
                let text = lines.joined(separator: "\n")
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    console.line(s("play.reply_empty"), .yellow)
                    lines = []
                    continue
                }
                return text
            }
            lines.append(line)
        }
    }

    private func showHint(_ run: inout ScenarioRun) {
        do {
            let rule = try run.hint()
            console.line(s("play.hint", ["cost": "\(run.scenario.hintCost)", "rule": rule.id,
                                         "text": rule.text.text(context.language)]), .magenta, indent: "  ")
        } catch .hintsOff {
            console.line(s("play.hint_off"), .yellow)
        } catch {
            console.line(s("play.hint_none"), .yellow)
        }
        shown = run.transcript.count
    }

    private func stopped() -> ScenarioRun? {
        console.line(s("play.stopped"), .yellow)
        return nil
    }
}

extension [TranscriptEntry] {
    /// The node of the latest written reply.
    var lastReplyNode: String? {
        for entry in reversed() { if case .replied(let node, _, _, _) = entry { return node } }
        return nil
    }
}
