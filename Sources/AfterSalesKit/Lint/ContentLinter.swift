/// Checks a whole library: every scenario and sub-flow, the references between content kinds,
/// and which rules nothing trains. The entry point of `aftersales lint`.
public struct ContentLinter: Sendable {
    public var library: ContentLibrary
    public var context: LintContext

    public static let topics: Set<String> = ["claims", "apology", "returns", "reviews", "escalation"]

    public init(library: ContentLibrary, context: LintContext = LintContext()) {
        self.library = library
        self.context = context
    }

    public func run() -> LintReport {
        var diagnostics = context.extraDiagnostics
        diagnostics += ruleProblems()
        diagnostics += stringProblems()
        for flow in library.flows.values.sorted(by: { $0.value.id < $1.value.id }) {
            diagnostics += GraphLinter(library: library, context: context, graph: .flow(flow)).run()
        }
        // Each scenario is checked on its own, and the rules it trains gathered for coverage: on all cores,
        // collected in id order.
        let scenarios = library.scenarios.values.sorted(by: { $0.value.id < $1.value.id })
        let (library, context) = (self.library, self.context)
        let checked = parallelMap(scenarios.count) { index in
            (problems: GraphLinter(library: library, context: context, graph: .scenario(scenarios[index])).run(),
             trained: GraphLinter.rulesTrained(by: scenarios[index].value, flows: library.flows, rubricRules: context.rubricRules))
        }
        for scenario in checked { diagnostics += scenario.problems }
        if let curriculum = library.curriculum {
            let topics = Set(library.rules.values.map(\.group)).union(library.scenarios.values.map(\.value.topic))
            diagnostics += Curriculum.lint(curriculum, topics: topics, scenarios: library.sortedScenarios)
        }
        let coverage = computeCoverage(trained: checked.map(\.trained))
        diagnostics += untrainedRules(coverage)
        diagnostics.sort { ($0.severity == .error ? 0 : 1, $0.file, $0.line, $0.column) < ($1.severity == .error ? 0 : 1, $1.file, $1.line, $1.column) }
        return LintReport(diagnostics: diagnostics, coverage: coverage)
    }

    /// Rules must name a known section and carry both languages.
    private func ruleProblems() -> [Diagnostic] {
        let sections = Set(library.sections.map(\.id))
        var problems: [Diagnostic] = []
        for id in library.ruleOrder {
            guard let rule = library.rules[id], let where_ = library.ruleLocations[id] else { continue }
            func at(_ code: DiagnosticCode, _ message: String) -> Diagnostic {
                Diagnostic(file: where_.file, line: where_.line, column: where_.column, code: code, message: message)
            }
            if !sections.contains(rule.source.section) {
                problems.append(at(.unknownReference, "rule '\(id)' names unknown guide section '\(rule.source.section)'"))
            }
            if rule.source.guide == nil && rule.source.policy == nil {
                problems.append(at(.unknownReference, "rule '\(id)' cites no source (guide or policy)"))
            }
            for (name, text) in [("title", rule.title), ("text", rule.text)] + (rule.supersedes.map { [("supersedes", $0)] } ?? []) {
                for language in text.missing {
                    problems.append(at(.missingTranslation, "rule '\(id)' \(name) has no \(language.rawValue) text"))
                }
            }
        }
        return problems
    }

    /// Both interface languages must define the same keys.
    private func stringProblems() -> [Diagnostic] {
        let en = library.strings[.en] ?? [:], zh = library.strings[.zh] ?? [:]
        var problems: [Diagnostic] = []
        for (language, missing) in [(Language.zh, Set(en.keys).subtracting(zh.keys)), (.en, Set(zh.keys).subtracting(en.keys))] {
            for key in missing.sorted() {
                problems.append(Diagnostic(file: "Content/strings/\(language.rawValue).yaml", line: 1, column: 1,
                                           code: .missingTranslation, message: "string '\(key)' is missing"))
            }
        }
        return problems
    }

    /// `trained`: for every scenario, the rules it trains.
    private func computeCoverage(trained: [Set<String>]) -> Coverage {
        var scenariosPerRule: [String: Int] = [:]
        for rules in trained {
            for rule in rules { scenariosPerRule[rule, default: 0] += 1 }
        }
        let quiz = context.quizItemsPerRule ?? [:]
        let ruleRows = library.ruleOrder.map { Coverage.Row(id: $0, scenarios: scenariosPerRule[$0] ?? 0, quizItems: quiz[$0] ?? 0) }
        let sectionRows = library.sections.map { section in
            let rows = ruleRows.filter { library.rules[$0.id]?.source.section == section.id }
            return Coverage.Row(id: section.id, scenarios: rows.reduce(0) { $0 + $1.scenarios }, quizItems: rows.reduce(0) { $0 + $1.quizItems })
        }
        return Coverage(rules: ruleRows, sections: sectionRows)
    }

    private func untrainedRules(_ coverage: Coverage) -> [Diagnostic] {
        coverage.rules.flatMap { row -> [Diagnostic] in
            guard let where_ = library.ruleLocations[row.id] else { return [] }
            var found: [Diagnostic] = []
            if row.scenarios == 0 && row.quizItems == 0 {
                found.append(Diagnostic(file: where_.file, line: where_.line, column: where_.column, code: .untrainedRule,
                                        message: "no scenario or quiz item trains rule '\(row.id)'"))
            } else if context.quizItemsPerRule != nil && row.quizItems == 0 {
                found.append(Diagnostic(file: where_.file, line: where_.line, column: where_.column, code: .untestedRule,
                                        message: "no quiz item tests rule '\(row.id)'"))
            }
            return found
        }
    }
}
