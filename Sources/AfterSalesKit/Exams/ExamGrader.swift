import Foundation

/// Re-grades one transcript from scratch with today's content: replays every choice through `ScenarioRun`,
/// grades every reply again with the injected `ReplyGrading`, checks every quiz answer again, then applies
/// the instructor's overrides. Same transcript, content and grader → same result, byte for byte.
///
/// Replay trusts the text of a choice over its number (a choice keeps its meaning when options are added),
/// and stops a scenario where the recorded path no longer fits the content, flagging it.
public struct ExamGrader: Sendable {
    public let spec: LoadedExamSpec
    public let environment: ExamEnvironment

    public init(spec: LoadedExamSpec, environment: ExamEnvironment) {
        self.spec = spec
        self.environment = environment
    }

    public func grade(_ transcript: ExamTranscript, overrides: [ExamOverride] = [], overridesDamage: ChainedLog.Break? = nil) -> GradedAttempt {
        let header = transcript.header
        let plan = header.plan ?? []
        // Texts in the report's language; choices are matched in both languages, so a trainee who took the
        // exam in Chinese is graded the same in an English report.
        let language = environment.language
        let library = environment.library
        var flags: [ExamFlag] = []

        if let damage = transcript.chainBreak {
            let code: ExamFlag.Code = damage.kind == .edited ? .chainEdited : damage.kind == .unlinked ? .chainUnlinked : .chainMalformed
            flags.append(ExamFlag(code, line: damage.line))
        }
        if header.contentVersion != library.contentVersion {
            flags.append(ExamFlag(.contentChanged, ["then": String((header.contentVersion ?? "?").prefix(12)),
                                                    "now": String(library.contentVersion.prefix(12))]))
        }
        if header.specHash != spec.hash { flags.append(ExamFlag(.specChanged)) }

        var items: [String: ItemResult] = [:]
        for planned in plan {
            items[planned.id] = ItemResult(id: planned.id, kind: planned.kind, topic: planned.topic, points: planned.points, earned: 0,
                                           computed: 0, answered: false, overridden: false, replies: [])
        }
        var runs: [String: ScenarioRun] = [:]
        var halted = Set<String>()
        var decisions: [DecisionRecord] = []
        var seenNodes = Set<String>()
        var ruleBreaks: [RuleBreak] = []
        var submitted: ExamEvent?
        var lastT = 0
        var backwardsFlagged = false
        let cutoff: Int? = header.timeLimit.map { Int((($0 + (header.grace ?? 0)) * 60_000).rounded()) }

        for (line, event) in transcript.events.dropFirst() {
            if event.t < lastT, !backwardsFlagged {
                flags.append(ExamFlag(.timeBackwards, line: line))
                backwardsFlagged = true
            }
            lastT = max(lastT, event.t)
            let isAnswer = [.choice, .reply, .quizAnswer, .hint].contains(event.type)
            if isAnswer, let cutoff, event.t > cutoff {
                flags.append(ExamFlag(.lateAnswer, line: line, ["item": event.item ?? "?"]))
                continue
            }
            if isAnswer, event.item.flatMap({ items[$0] }) == nil {
                flags.append(ExamFlag(.unexpectedAnswer, line: line, ["item": event.item ?? "?"]))
                continue
            }
            let id = event.item ?? ""
            switch event.type {
            case .item:
                guard let planned = plan.first(where: { $0.id == id }), planned.kind == .scenario, runs[id] == nil else { break }
                guard let scenario = library.scenarios[id]?.value else {
                    flags.append(ExamFlag(.itemMissing, line: line, ["item": id]))
                    halted.insert(id)
                    break
                }
                runs[id] = ScenarioRun(scenario: scenario, flows: library.flows.mapValues(\.value), rules: library.rules,
                                       seed: planned.seed ?? 0, hints: header.hints ?? false)
            case .choice:
                guard !halted.contains(id), var run = runs[id] else { break }
                items[id]?.answered = true
                guard case .decide(let node, let offered) = run.step, node == event.node else {
                    diverged(id, line, event, &flags, &halted)
                    break
                }
                let vars = run.variables
                let matching = offered.first { offer in
                    let say = offer.choice.say.filled(vars)
                    return say.text(language) == event.text || say.en == event.text || say.zh == event.text
                }
                let sameContent = header.contentVersion == library.contentVersion
                guard let picked = matching ?? (sameContent ? offered.first { $0.number == event.number } : nil) else {
                    diverged(id, line, event, &flags, &halted)
                    break
                }
                let key = "\(id)/\(node)"
                if seenNodes.insert(key).inserted {
                    let all = offered.map(\.choice.effect.points)
                    let best = all.max() ?? 0, worst = all.min() ?? 0
                    let points = picked.choice.effect.points
                    decisions.append(DecisionRecord(
                        scenario: id, node: node, number: picked.number, text: picked.choice.say.filled(vars).text(language),
                        offered: offered.map { $0.choice.say.filled(vars).text(language) }, points: points, best: best, worst: worst,
                        share: best == worst ? 1 : Double(points - worst) / Double(best - worst)))
                }
                try? run.choose(picked.number)
                runs[id] = run
            case .reply:
                guard !halted.contains(id), var run = runs[id] else { break }
                items[id]?.answered = true
                guard case .write(let node, let reply) = run.step, node == event.node else {
                    diverged(id, line, event, &flags, &halted)
                    break
                }
                let text = event.text ?? ""
                let grade = environment.grader.grade(text, rubric: reply.rubric, variables: run.variables, context: reply.context ?? [:],
                                                     language: language)
                items[id]?.replies.append(ReplyResult(node: node, text: text, partial: event.partial ?? false, grade: grade))
                try? run.reply(text, grade: grade)
                runs[id] = run
            case .hint:
                guard !halted.contains(id), var run = runs[id] else { break }
                _ = try? run.hint()
                runs[id] = run
            case .quizAnswer:
                guard items[id]?.kind == .quiz, items[id]?.answered == false else {
                    flags.append(ExamFlag(.unexpectedAnswer, line: line, ["item": id]))
                    break
                }
                let answer = event.answer ?? ""
                items[id]?.answered = true
                items[id]?.answer = answer
                guard let quizItem = environment.quiz.item(id: id) else {
                    flags.append(ExamFlag(.itemMissing, line: line, ["item": id]))
                    break
                }
                let correct = environment.quiz.check(itemID: id, answer: answer)
                items[id]?.correct = correct
                if correct {
                    let points = items[id]?.points ?? 0
                    items[id]?.computed = points
                } else {
                    let shown = quizItem.options.isEmpty ? answer
                        : Int(answer).flatMap { $0 >= 1 && $0 <= quizItem.options.count ? "\(answer). " + quizItem.options[$0 - 1].text(language) : nil } ?? answer
                    for rule in quizItem.rules { ruleBreaks.append(RuleBreak(rule: rule, item: id, source: .quiz, evidence: shown)) }
                }
            case .submitted:
                submitted = event
            case .header, .decision, .replyRequested, .scenarioEnded:
                break
            }
        }
        if submitted == nil { flags.append(ExamFlag(.notSubmitted)) }

        // Scenario points: the run's score share of the item's points; nothing answered, nothing earned.
        // An unfinished run (time up, input ended, replay stopped) earns only what its decisions added to the
        // scenario's starting score, so that stopping early never beats finishing badly.
        for (id, run) in runs.sorted(by: { $0.key < $1.key }) {
            guard var item = items[id] else { continue }
            if item.answered {
                let counted = run.isFinished ? run.score : max(0, run.score - min(100, max(0, run.scenario.score)))
                item.computed = item.points * Double(counted) / 100
                item.scenarioScore = counted
            }
            item.finished = run.isFinished
            item.ending = run.ending
            ruleBreaks += Self.breaks(in: run, item: id, language: language)
            items[id] = item
        }
        for id in Array(items.keys) {
            let computed = items[id]?.computed ?? 0
            items[id]?.earned = computed
        }

        var applied: [AppliedOverride] = []
        if let damage = overridesDamage {
            flags.append(ExamFlag(.overridesDamaged, line: damage.line))
        } else {
            for override in overrides {
                guard override.transcript == transcript.lastHash else {
                    flags.append(ExamFlag(.overrideRejected, ["item": override.item, "detail": "other-transcript"]))
                    continue
                }
                guard let item = items[override.item] else {
                    flags.append(ExamFlag(.overrideRejected, ["item": override.item, "detail": "unknown-item"]))
                    continue
                }
                guard override.points >= 0, override.points <= item.points else {
                    flags.append(ExamFlag(.overrideRejected, ["item": override.item, "detail": "out-of-range"]))
                    continue
                }
                applied.append(AppliedOverride(item: override.item, before: item.earned, after: override.points, reason: override.reason,
                                               at: override.at, by: override.by))
                items[override.item]?.earned = override.points
                items[override.item]?.overridden = true
            }
        }

        let ordered = plan.compactMap { items[$0.id] }
        let earned = ordered.reduce(0) { $0 + $1.earned }
        let possible = ordered.reduce(0) { $0 + $1.points }
        var topics: [String: TopicScore] = [:]
        for item in ordered {
            topics[item.topic, default: TopicScore(earned: 0, possible: 0)].earned += item.earned
            topics[item.topic, default: TopicScore(earned: 0, possible: 0)].possible += item.points
        }
        var timeUsed: Double?
        if let submitted {
            timeUsed = Double(submitted.t) / 1000
            if let cutoff, submitted.reason == .timeUp || submitted.reason == .graceExpired { timeUsed = min(timeUsed!, Double(cutoff) / 1000) }
        } else if let last = transcript.events.last?.event {
            timeUsed = Double(last.t) / 1000
        }
        return GradedAttempt(
            file: transcript.path, exam: header.exam ?? "", trainee: header.trainee ?? "", attempt: header.attempt ?? 1,
            started: header.started ?? "", reason: submitted?.reason, timeUsed: timeUsed, items: ordered, earned: earned,
            possible: possible, percent: possible > 0 ? 100 * earned / possible : 0, topics: topics, flags: flags,
            overrides: applied, decisions: decisions, ruleBreaks: ruleBreaks)
    }

    private func diverged(_ id: String, _ line: Int, _ event: ExamEvent, _ flags: inout [ExamFlag], _ halted: inout Set<String>) {
        flags.append(ExamFlag(.replayDiverged, line: line, ["item": id, "node": event.node ?? "?"]))
        halted.insert(id)
    }

    /// Rules broken in a replayed run: by choices, by reply violations (with the offending words), by missed deadlines.
    static func breaks(in run: ScenarioRun, item: String, language: Language) -> [RuleBreak] {
        var found: [RuleBreak] = []
        for entry in run.transcript {
            switch entry {
            case .chose(_, _, let text, _, _, let breaks?, _):
                found.append(RuleBreak(rule: breaks, item: item, source: .choice, evidence: text.text(language)))
            case .replied(_, _, let grade, _):
                for violation in grade.violations where !violation.rule.isEmpty {
                    let quoted = violation.evidence.map(\.text).joined(separator: " … ")
                    found.append(RuleBreak(rule: violation.rule, item: item, source: .reply, evidence: quoted.isEmpty ? violation.id : quoted))
                }
            case .deadlinePassed(_, let rule, let label):
                found.append(RuleBreak(rule: rule, item: item, source: .deadline, evidence: label.text(language)))
            default:
                break
            }
        }
        return found
    }
}
