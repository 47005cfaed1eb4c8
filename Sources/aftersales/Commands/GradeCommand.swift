import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// `aftersales grade`: grades one written reply from a file or standard input against a rubric, or evaluates the
/// grader on a labelled corpus (`--eval`). Exit 0 when graded, 2 for usage errors and refused input.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade a written reply to a buyer against a rubric, with evidence and fixes.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Rubric id: apology-letter, claim-response, return-guidance, review-response.")
    var rubric: String?

    @Option(name: .long, help: "Take the buyer's name, product, order and the grading context from this scenario.")
    var scenario: String?

    @Option(name: .customLong("var"), help: "A scenario variable, e.g. --var buyer=Dana (repeatable; context keys too: --var feedback_kind=seller-feedback).")
    var vars: [String] = []

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Flag(name: .long, help: "Show the score's arithmetic line by line.")
    var explain = false

    @Option(name: .long, help: "Evaluate the grader on a labelled JSON Lines corpus and print accuracy, kappa, precision and recall.")
    var eval: String?

    @Flag(name: .long, help: "With --eval: list every disagreement.")
    var details = false

    @Option(name: .long, help: .hidden)
    var bench: String?

    @Argument(help: "The reply: a file, or - (the default) for standard input.")
    var file: String?

    /// Context keys a reply spec may set; a --var with one of these names goes to the grading context.
    static let contextKeys: Set<String> = ["feedback_kind", "fault", "reason"]

    func run() throws {
        let context = try AppContext.load(global)
        let s = context.strings
        let (content, problems) = GradingContent.load(root: context.library.root, knownRules: Set(context.library.rules.keys))
        if !problems.isEmpty {
            standardError(s("grade.cli.content_errors") + "\n" + problems.map { Sanitize.line($0.description) }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        let grader = Grader(content: content, library: context.library)

        if let bench {
            let cases = try Evaluation.parse(Data(contentsOf: URL(fileURLWithPath: bench)))
            let result = GradingBenchmark.measure(grader: grader, cases: cases)
            print(String(format: "%d replies (%.0f words on average) in %.2f s: %.0f replies/s on one core",
                         result.replies, result.averageWords, result.seconds, result.perSecond))
            return
        }
        if let eval {
            let url = URL(fileURLWithPath: eval)
            do {
                print(Sanitize.line(try Evaluation.run(jsonlURL: url, grader: grader, strings: s, details: details)))
            } catch {
                standardError(s("grade.cli.eval_error", ["file": Sanitize.line(eval), "reason": Sanitize.line("\(error)")]))
                throw ExitCode(2)
            }
            return
        }

        // Variables and context: scenario first, then --var overrides.
        var variables: [String: String] = [:]
        var gradingContext: [String: String] = [:]
        var rubricID = rubric
        var model: String?
        if let id = scenario {
            guard let found = context.library.scenarios[id]?.value else {
                standardError(s("grade.cli.unknown_scenario", ["id": Sanitize.line(id)]))
                throw ExitCode(2)
            }
            variables = found.vars
            let specs = found.nodes.keys.sorted().compactMap { found.nodes[$0]?.reply }
            let spec = specs.first { rubricID == nil || $0.rubric == rubricID }
            guard let spec else {
                standardError(s("grade.cli.no_reply_node", ["id": id, "rubric": rubricID ?? ""]))
                throw ExitCode(2)
            }
            rubricID = rubricID ?? spec.rubric
            gradingContext = spec.context ?? [:]
            model = spec.model.map { Template.fill($0, found.vars) }
        }
        for pair in vars {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                standardError(s("grade.cli.bad_var", ["value": Sanitize.line(pair)]))
                throw ExitCode(2)
            }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if Self.contextKeys.contains(name) { gradingContext[name] = value } else { variables[name] = value }
        }
        guard let rubricID else {
            standardError(s("grade.cli.no_rubric", ["known": content.rubricIDs.joined(separator: ", ")]))
            throw ExitCode(2)
        }
        guard content.rubrics[rubricID] != nil else {
            standardError(s("grade.refused.unknown_rubric", ["rubric": Sanitize.line(rubricID), "known": content.rubricIDs.joined(separator: ", ")]))
            throw ExitCode(2)
        }

        let data: Data
        do {
            data = try readInput()
        } catch {
            standardError(s("grade.cli.unreadable", ["file": Sanitize.line(file ?? "-"), "reason": error.localizedDescription]))
            throw ExitCode(2)
        }
        let report = grader.grade(data: data, rubric: rubricID, variables: variables, context: gradingContext, language: context.language)

        if json {
            print(GradeOutput.json(report))
        } else if report.refused {
            standardError(Sanitize.line(GradeOutput.human(report, language: context.language, strings: s)))
        } else {
            printHuman(report, context: context, content: content, explainToo: explain)
            if let model {
                let modelReport = grader.grade(model, rubric: rubricID, variables: variables, context: gradingContext, language: context.language)
                let text = String(decoding: data, as: UTF8.self)
                context.console.line()
                context.console.line(Sanitize.line(GradeOutput.comparison(trainee: report, traineeText: text, model: modelReport, modelText: model, strings: s)))
            }
        }
        if report.refused { throw ExitCode(2) }
    }

    private func readInput() throws -> Data {
        guard let file, file != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    private func printHuman(_ report: GradeReport, context: AppContext, content: GradingContent, explainToo: Bool) {
        let console = context.console
        let s = context.strings
        let text = GradeOutput.human(report, language: context.language, strings: s, rubricTitle: content.rubrics[report.rubric]?.title,
                                     rules: context.library.rules)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let clean = Sanitize.line(String(line))
            if clean.hasPrefix("  ✓") { console.line(clean, .green) } else if clean.hasPrefix("  ✗") { console.line(clean, .red) } else { console.line(clean) }
        }
        console.line()
        console.line(s("grade.out.feedback"), .bold)
        for item in report.feedback { console.line("• " + Sanitize.line(item)) }
        if explainToo {
            console.line()
            console.line(Sanitize.line(GradeOutput.explain(report, strings: s)))
        }
    }
}
