import AfterSalesKit
import Terminal

/// Turns the run's transcript entries into what the trainee reads.
struct TranscriptRenderer {
    let context: AppContext
    let scenario: Scenario

    private var s: StringTable { context.strings }
    private var console: Console { context.console }
    private var language: Language { context.language }

    func render(_ entry: TranscriptEntry, run: ScenarioRun) {
        switch entry {
        case .buyer(let text):
            console.line()
            console.line(s("play.buyer", ["buyer": scenario.vars["buyer"] ?? "Buyer"]) + text, .bold, indent: "  ")
        case .narration(let text):
            console.line(s("play.narration", ["text": text.text(language)]), .dim, indent: "  ")
        case .decision(_, let choices):
            clockLine(run)
            for (index, choice) in choices.enumerated() {
                console.line(s("play.choice_row", ["number": "\(index + 1)", "text": choice.text(language)]), indent: "     ")
            }
        case .chose(_, let number, let text, let points, let follows, let breaks, let feedback):
            console.line(s("play.you_chose", ["number": "\(number)", "text": text.text(language)]), .dim, indent: "     ")
            let signed = points > 0 ? "+\(points)" : "\(points)"
            if let rule = follows {
                console.line(s("play.follows", ["points": signed, "rule": rule, "title": title(rule)]), .green, indent: "  ")
            } else if let rule = breaks {
                console.line(s("play.breaks", ["points": signed, "rule": rule, "title": title(rule)]), .red, indent: "  ")
            } else {
                console.line(s("play.neutral", ["points": signed]), indent: "  ")
            }
            console.line("  " + feedback.text(language), indent: "  ")
        case .replyRequested(_, let prompt, _):
            clockLine(run)
            console.line(prompt.text(language), .bold)
        case .replied(_, _, let grade, let points):
            showGrade(grade, points: points)
        case .hint:
            break
        case .deadlinePassed(_, let rule, let label):
            console.line(s("play.deadline_passed", ["label": label.text(language), "rule": rule]), .red)
        case .ended(_, let outcome, let text):
            console.line()
            console.line(s("play.ending", ["outcome": s("outcome.\(outcome)")]), .bold)
            console.line(text.text(language))
        }
    }

    /// "Day 2, 14:00 — 31 h left to answer the claim", shown only while a deadline runs.
    private func clockLine(_ run: ScenarioRun) {
        guard !run.activeDeadlines.isEmpty else { return }
        var parts = [s("play.clock", ["day": "\(run.clock.day)", "time": run.clock.timeOfDay])]
        for (deadline, left) in run.activeDeadlines {
            let label = deadline.label.filled(scenario.vars).text(language)
            if left >= 72 {
                parts.append(s("play.deadline_days", ["days": "\(Int((left / 24).rounded(.down)))", "label": label]))
            } else {
                parts.append(s("play.deadline", ["hours": "\(Int(left.rounded(.down)))", "label": label]))
            }
        }
        console.line("⏱ " + parts.joined(separator: " — "), .yellow)
    }

    func showGrade(_ grade: GradeReport, points: Int) {
        console.line(s("play.reply_score", ["score": "\(grade.score)", "verdict": s("play.reply_verdict.\(grade.verdict.rawValue)"),
                                            "points": "\(points)"]), grade.verdict == .bad ? .red : grade.verdict == .good ? .green : .yellow)
        for criterion in grade.criteria {
            if criterion.met {
                console.line(s("play.reply_criterion_met", ["criterion": criterion.id, "evidence": criterion.evidence.first?.text ?? ""]), indent: "    ")
            } else {
                console.line(s("play.reply_criterion_missed", ["criterion": criterion.id]), indent: "    ")
            }
        }
        for violation in grade.violations {
            if let evidence = violation.evidence.first?.text, !evidence.isEmpty {
                console.line(s("play.reply_violation", ["violation": violation.id, "evidence": evidence]), .red, indent: "    ")
            } else {
                console.line(s("play.reply_violation_plain", ["violation": violation.id]), .red, indent: "    ")
            }
        }
        for line in grade.feedback { console.line("  " + line, indent: "    ") }
    }

    /// `why`: the last reply's score arithmetic line by line, then the reply beside the scenario's model
    /// reply with the rules each follows and breaks.
    func explainLastGrade(_ run: ScenarioRun, grader: ReplyGrading) {
        guard let (node, text, grade) = lastReply(run) else { return console.line(s("play.why_none")) }
        console.raw(GradeOutput.explain(grade, strings: s) + "\n")
        guard let spec = run.node(named: node)?.reply, let model = spec.model.map({ Template.fill($0, scenario.vars) }) else { return }
        let modelGrade = grader.grade(model, rubric: spec.rubric, variables: scenario.vars, context: spec.context ?? [:], language: language)
        console.raw("\n" + GradeOutput.comparison(trainee: grade, traineeText: text, model: modelGrade, modelText: model, strings: s) + "\n")
    }

    private func lastReply(_ run: ScenarioRun) -> (String, String, GradeReport)? {
        for entry in run.transcript.reversed() {
            if case .replied(let node, let text, let grade, _) = entry { return (node, text, grade) }
        }
        return nil
    }

    /// Score, skills, what went well and what to do differently — each tied to its rule.
    func summary(_ run: ScenarioRun) {
        guard let id = run.ending, let ending = scenario.endings[id] else { return }
        if ending.odr == true { console.line(s("play.odr"), .red) }
        if let lesson = ending.lesson { console.line(s("play.lesson", ["text": lesson.filled(scenario.vars).text(language)])) }
        console.line(s("play.score", ["score": "\(run.score)"]), .bold)
        if run.hintsUsed > 0 { console.line(s("play.hints_used", ["count": "\(run.hintsUsed)"]), .dim) }
        if !run.skills.isEmpty {
            console.line(s("play.skills"))
            for skill in run.skills.keys.sorted() {
                console.line(s("play.skill_row", ["skill": s("topic.\(skill)"), "percent": "\(run.skills[skill]!.percent)"]))
            }
        }
        let broken = unique(run.broken)
        let followed = unique(run.followed).filter { !broken.contains($0) }
        if !followed.isEmpty {
            console.line(s("play.went_well"), .green)
            for rule in followed { ruleRow(rule) }
        }
        if !broken.isEmpty {
            console.line(s("play.do_differently"), .red)
            for rule in broken { ruleRow(rule) }
        }
    }

    private func ruleRow(_ id: String) {
        let rule = context.library.rules[id]
        let source = rule.map { [$0.source.guide, $0.source.policy.map(policyName)].compactMap { $0 }.joined(separator: "; ") } ?? ""
        console.line(s("play.rule_row", ["title": title(id), "rule": id, "source": source]), indent: "    ")
    }

    /// The page's name without its address, to keep the debrief short.
    private func policyName(_ text: String) -> String {
        text.components(separatedBy: " — ").first ?? text
    }

    private func title(_ rule: String) -> String {
        context.library.rules[rule]?.title.text(language) ?? rule
    }

    private func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}
