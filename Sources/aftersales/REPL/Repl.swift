import AfterSalesKit
import Foundation
import Terminal

/// The interactive trainer: reads commands, runs them, until `quit` or end of input.
final class Repl {
    let context: AppContext
    let reader: LineReader
    let grader: ReplyGrading
    let seed: UInt64
    let progress: ProgressSession
    private var commands: [ReplCommandSpec] = []

    init(context: AppContext, reader: LineReader, grader: ReplyGrading, seed: UInt64, progress: ProgressSession) {
        self.context = context
        self.progress = progress
        self.reader = reader
        self.grader = grader
        self.seed = seed
        commands = [
            ReplCommandSpec(name: "help", help: "help.help") { [unowned self] _ in showHelp() },
            ReplCommandSpec(name: "scenarios", help: "help.scenarios") { [unowned self] _ in
                ScenarioList(context: context).show()
            },
            ReplCommandSpec(name: "play", help: "help.play", takesScenario: true) { [unowned self] args in play(args) },
            ReplCommandSpec(name: "rules", help: "help.rules") { [unowned self] args in
                RuleCards(context: context).show(args.first, progress: progress)
            },
            ReplCommandSpec(name: "next", help: "help.next") { [unowned self] _ in
                NextStep(context: context, progress: progress).show()
            },
            ReplCommandSpec(name: "progress", help: "help.progress") { [unowned self] _ in
                ProgressReport(context: context, progress: progress).show(json: false)
            },
            ReplCommandSpec(name: "quiz", help: "quiz.repl_help") { [unowned self] args in quiz(args) },
            ReplCommandSpec(name: "review", help: "review.repl_help") { [unowned self] _ in review() },
            ReplCommandSpec(name: "quit", help: "help.quit", run: { _ in }),
        ]
        let names = commands.map(\.name) + ["exit"]
        let scenarioCommands = Set(commands.filter(\.takesScenario).map(\.name))
        let ids = context.library.scenarioIDs
        reader.completions = { before in
            let words = before.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty { return names }
            if words.count == 1, before.hasSuffix(" "), scenarioCommands.contains(String(words[0])) { return ids }
            return []
        }
        reader.interruptNotice = context.strings("app.interrupt_notice")
    }

    /// Runs until `quit`, `exit` or end of input.
    func run() {
        let console = context.console
        let interactive = reader is ReadlineReader
        if interactive { console.line(context.strings("app.banner"), .bold) }
        while true {
            let prompt = interactive ? console.prompt(context.strings("app.prompt"), .cyan, .bold) : ""
            guard case .line(let line) = reader.read(prompt: prompt, history: true) else { break }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let name = words.first?.lowercased() else { continue }
            if name == "quit" || name == "exit" { break }
            guard let command = commands.first(where: { $0.name == name }) else {
                console.line(context.strings("app.unknown_command", ["command": name]), .yellow)
                continue
            }
            command.run(Array(words.dropFirst()))
        }
        reader.close()
        if interactive { console.line(context.strings("app.goodbye")) }
    }

    private func showHelp() {
        let s = context.strings
        context.console.line(s("help.title"), .bold)
        for command in commands { context.console.line("  " + s(command.help), indent: "    ") }
        context.console.line("  " + s("help.in_scenario"), indent: "    ")
    }

    /// `quiz [TOPIC] [N]`, arguments in any order.
    private func quiz(_ args: [String]) {
        var topic: String?
        var count = 10
        for arg in args {
            if let number = Int(arg), number > 0 { count = number } else { topic = arg.lowercased() }
        }
        QuizRunner.quiz(context: context, reader: reader, topic: topic, count: count, seed: seed, progress: progress)
    }

    private func review() {
        do {
            try QuizRunner.review(context: context, reader: reader, newLimit: 10, seed: seed, progress: progress)
        } catch {
            // The failure was reported on stderr; the REPL goes on.
        }
    }

    private func play(_ args: [String]) {
        guard let id = args.first else {
            context.console.line(context.strings("play.usage", ["example": context.library.sortedScenarios.first?.id ?? "…"]))
            return
        }
        guard let scenario = ScenarioLookup.find(id, in: context) else { return }
        let player = ScenarioPlayer(context: context, reader: reader, grader: grader)
        player.progress = progress
        player.play(scenario, seed: seed)
    }
}

/// One REPL command: its name, the string key of its help line, and what it does with its arguments.
struct ReplCommandSpec {
    var name: String
    var help: String
    var takesScenario = false
    var run: ([String]) -> Void
}

/// Resolves a scenario id typed by the trainee, refusing anything that is not a plain id (no paths).
enum ScenarioLookup {
    static func find(_ id: String, in context: AppContext) -> Scenario? {
        let valid = !id.isEmpty && id.count <= 100 && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard valid else {
            context.console.line(context.strings("play.bad_id", ["id": id]), .yellow)
            return nil
        }
        guard let scenario = context.library.scenarios[id]?.value else {
            context.console.line(context.strings("play.unknown", ["id": id]), .yellow)
            return nil
        }
        return scenario
    }
}
