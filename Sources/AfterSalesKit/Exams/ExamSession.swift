import Foundation

/// Runs one attempt at an exam without a terminal: lines in, lines out, time from an injected clock.
///
/// No hints (unless the spec allows them) and no feedback until the end: the trainee sees the buyer and the
/// choices, never points or verdicts, until the attempt is handed in. Every step is written to the transcript
/// as it happens, so a crash loses at most the answer being typed.
///
/// Time (as Moodle's quiz): once the time limit has passed, no answer is taken any more and the attempt is
/// handed in with what was answered — including the lines of a reply typed before the limit. With a grace
/// period, the answer on screen when time ran out may still be finished within the grace period; then the
/// attempt is handed in (`time-up`) without showing anything new, or, if the grace period runs out first,
/// handed in as it stands (`grace-expired`). A session learns the time when a line arrives: a line entered
/// after the cut-off is refused, whatever it says.
public final class ExamSession {
    public let spec: LoadedExamSpec
    public let environment: ExamEnvironment
    public let trainee: String
    public let attempt: Int
    public let plan: ExamPlan
    public var progress: ExamProgressRecording?
    /// Shown in the transcript header, e.g. the path given on the command line.
    public let specPath: String
    /// Where the transcript goes (shown in the final message).
    public let transcriptName: String

    private let clock: ExamClock
    private let writer: ChainedLogWriter<ExamEvent>
    private var startedAt = Date(timeIntervalSince1970: 0)
    private var index = -1
    private var run: ScenarioRun?
    private var shown = 0
    private var replyLines: [String] = []
    private var quizItem: ExamQuizItem?
    private var inGrace = false
    private var lastT = 0
    public private(set) var isOver = false
    public private(set) var started = false
    /// The grade of this attempt as the grader sees it now; set once the attempt is handed in.
    public private(set) var result: GradedAttempt?

    public enum StartError: Error, Sendable, Equatable {
        case plan(ExamPlan.Problem)
        case badTrainee
    }

    public init(spec: LoadedExamSpec, environment: ExamEnvironment, trainee: String, attempt: Int, clock: ExamClock,
                sink: LogSink, specPath: String, transcriptName: String = "") throws(StartError) {
        guard ExamTraineeName.isValid(trainee) else { throw .badTrainee }
        self.spec = spec
        self.environment = environment
        self.trainee = trainee.trimmingCharacters(in: .whitespaces)
        self.attempt = attempt
        self.clock = clock
        self.writer = ChainedLogWriter(sink: sink)
        self.specPath = specPath
        self.transcriptName = transcriptName
        do {
            plan = try ExamPlan.make(spec: spec.spec, library: environment.library, quiz: environment.quiz,
                                     trainee: trainee, attempt: attempt)
        } catch {
            throw .plan(error)
        }
    }

    private var s: StringTable { environment.strings }
    private var language: Language { environment.language }
    private var exam: ExamSpec { spec.spec }

    /// Every transcript line written so far.
    public var transcriptLines: [String] { writer.lines }

    /// What to show before the next line is read (interactive use only).
    public var prompt: String {
        guard started, !isOver else { return "" }
        if run != nil, case .write = run?.step { return s("exam.reply_line_prompt") }
        if let quizItem {
            return quizItem.options.isEmpty ? s("exam.quiz_prompt_text") : s("exam.quiz_prompt", ["count": "\(quizItem.options.count)"])
        }
        if let run, case .decide(_, let offered) = run.step { return s("exam.choice_prompt", ["count": "\(offered.count)"]) }
        return ""
    }

    /// True while a written reply is being typed: such lines must not go into the command history.
    public var isWritingReply: Bool {
        guard let run, !isOver else { return false }
        if case .write = run.step { return true }
        return false
    }

    // MARK: - Starting

    /// Writes the header and shows the first item.
    public func start() throws -> [ExamOutput] {
        guard !started else { return [] }
        started = true
        startedAt = clock.now()
        var header = event(.header)
        header.exam = exam.id
        header.title = exam.title.text(language)
        header.specHash = spec.hash
        header.specPath = specPath
        header.contentVersion = environment.library.contentVersion
        header.programVersion = environment.programVersion
        header.trainee = trainee
        header.attempt = attempt
        header.started = ExamTime.iso(startedAt)
        header.seed = plan.seed
        header.language = language.rawValue
        header.timeLimit = exam.timeLimit
        header.grace = exam.grace
        header.hints = exam.hints
        header.plan = plan.items
        try writer.append(header)

        var out: [ExamOutput] = [
            ExamOutput(s("exam.title", ["title": exam.title.text(language)]), .heading),
            ExamOutput(s("exam.intro", ["trainee": trainee, "attempt": "\(attempt)", "count": "\(plan.items.count)"])),
        ]
        if let limit = exam.timeLimit {
            out.append(ExamOutput(s("exam.time_limit", ["minutes": Self.number(limit)]), .notice))
            if let grace = exam.grace, grace > 0 { out.append(ExamOutput(s("exam.grace_rule", ["minutes": Self.number(grace)]), .dim)) }
        }
        out.append(ExamOutput(s(exam.hints ? "exam.rules_hints_on" : "exam.rules"), .dim))
        out += try advance()
        return out
    }

    // MARK: - Input

    /// One line from the trainee.
    public func input(_ line: String) throws -> [ExamOutput] {
        guard started, !isOver else { return [] }
        let now = clock.now()
        var out: [ExamOutput] = []
        switch window(at: now) {
        case .closed:
            return try submit(exam.grace ?? 0 > 0 ? .graceExpired : .timeUp, notice: "exam.time_up_refused")
        case .grace where !inGrace:
            inGrace = true
            out.append(ExamOutput(s("exam.grace_started", ["time": ExamTime.clock(seconds: secondsLeft(at: now))]), .warning))
        default:
            break
        }
        if let run, case .write = run.step { return out + (try replyLine(line)) }
        let command = line.trimmingCharacters(in: .whitespaces).lowercased()
        if command.isEmpty { return out }
        switch command {
        case "time":
            return out + timeLeft(at: now, always: true)
        case "submit":
            return out + (try submit(.finished, notice: nil))
        case "hint" where run != nil:
            return out + (try hint())
        default:
            break
        }
        if let quizItem { return out + (try quizAnswer(command, raw: line, item: quizItem)) }
        if run != nil { return out + (try choice(command)) }
        return out
    }

    /// The input ended (Ctrl-D, end of a pipe): hand in what there is.
    public func endOfInput() throws -> [ExamOutput] {
        guard started, !isOver else { return [] }
        switch window(at: clock.now()) {
        case .closed: return try submit(exam.grace ?? 0 > 0 ? .graceExpired : .timeUp, notice: "exam.time_up_refused")
        default: return try submit(.inputEnded, notice: nil)
        }
    }

    private func choice(_ command: String) throws -> [ExamOutput] {
        guard var run, case .decide(let node, let offered) = run.step else { return [] }
        guard let number = Int(command), let picked = offered.first(where: { $0.number == number }) else {
            return [ExamOutput(s("exam.not_a_choice", ["count": "\(offered.count)"]), .warning)]
        }
        var record = event(.choice)
        record.item = currentItem?.id
        record.node = node
        record.number = number
        record.text = picked.choice.say.filled(run.variables).text(language)
        try writer.append(record)
        try? run.choose(number)
        self.run = run
        return try afterScenarioStep()
    }

    private func hint() throws -> [ExamOutput] {
        guard var run else { return [] }
        guard exam.hints else { return [ExamOutput(s("exam.hint_off"), .warning)] }
        do {
            let node = run.node.description
            let rule = try run.hint()
            var record = event(.hint)
            record.item = currentItem?.id
            record.node = node
            record.rule = rule.id
            try writer.append(record)
            self.run = run
            shown = run.transcript.count
            return [ExamOutput(s("exam.hint", ["rule": rule.id, "text": rule.text.text(language)]), .notice)]
        } catch {
            return [ExamOutput(s("exam.hint_none"), .warning)]
        }
    }

    private func replyLine(_ line: String) throws -> [ExamOutput] {
        guard line.trimmingCharacters(in: .whitespaces) == "." else {
            replyLines.append(line)
            return []
        }
        let text = replyLines.joined(separator: "\n")
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            replyLines = []
            return [ExamOutput(s("exam.reply_empty"), .warning)]
        }
        guard let grade = grade(text) else { return [] }
        if grade.refused {
            replyLines = []
            return grade.feedback.map { ExamOutput($0, .warning) }
        }
        try saveReply(text, grade: grade, partial: false)
        return [ExamOutput(s("exam.reply_saved"), .dim)] + (try afterScenarioStep())
    }

    private func grade(_ text: String) -> GradeReport? {
        guard let run, case .write(_, let reply) = run.step else { return nil }
        return environment.grader.grade(text, rubric: reply.rubric, variables: run.variables, context: reply.context ?? [:],
                                        language: language)
    }

    private func saveReply(_ text: String, grade: GradeReport, partial: Bool) throws {
        guard var run, case .write(let node, _) = run.step else { return }
        var record = event(.reply)
        record.item = currentItem?.id
        record.node = node
        record.text = text
        record.score = grade.score
        if partial { record.partial = true }
        try writer.append(record)
        try? run.reply(text, grade: grade)
        self.run = run
        replyLines = []
    }

    private func quizAnswer(_ command: String, raw: String, item: ExamQuizItem) throws -> [ExamOutput] {
        let answer = raw.trimmingCharacters(in: .whitespaces)
        if !item.options.isEmpty {
            guard let number = Int(command), (1...item.options.count).contains(number) else {
                return [ExamOutput(s("exam.quiz_pick", ["count": "\(item.options.count)"]), .warning)]
            }
        }
        var record = event(.quizAnswer)
        record.item = item.id
        record.answer = answer
        try writer.append(record)
        quizItem = nil
        return [ExamOutput(s("exam.answer_saved"), .dim)] + (try finishItem())
    }

    // MARK: - Moving on

    /// After a choice or reply: show what happened next, then end the scenario or ask again.
    private func afterScenarioStep() throws -> [ExamOutput] {
        guard let run else { return [] }
        var out = try render()
        if run.isFinished {
            var record = event(.scenarioEnded)
            record.item = currentItem?.id
            record.ending = run.ending
            record.score = run.score
            try writer.append(record)
            self.run = nil
            out += try finishItem()
            return out
        }
        if inGrace { return out + (try submit(.timeUp, notice: "exam.grace_used")) }
        return out + scenarioClock() + timeLeft(at: clock.now(), always: false)
    }

    /// The answer on screen is done: next item, or hand in when time ran out or nothing is left.
    private func finishItem() throws -> [ExamOutput] {
        if inGrace { return try submit(.timeUp, notice: "exam.grace_used") }
        return try advance()
    }

    private func advance() throws -> [ExamOutput] {
        index += 1
        guard index < plan.items.count else { return try submit(.finished, notice: nil) }
        let item = plan.items[index]
        var out: [ExamOutput] = [ExamOutput(""), ExamOutput(s("exam.item_header", ["number": "\(index + 1)", "count": "\(plan.items.count)",
                                                                                   "kind": s("exam.kind.\(item.kind.rawValue)")]), .heading)]
        var record = event(.item)
        record.item = item.id
        record.kind = item.kind.rawValue
        switch item.kind {
        case .quiz:
            guard let quiz = environment.quiz.item(id: item.id) else {
                try writer.append(record)
                return out + [ExamOutput(s("exam.item_missing", ["item": item.id]), .warning)] + (try advance())
            }
            record.text = quiz.prompt.text(language)
            if !quiz.options.isEmpty { record.options = quiz.options.map { $0.text(language) } }
            try writer.append(record)
            quizItem = quiz
            out.append(ExamOutput(quiz.prompt.text(language), .plain))
            for (number, option) in quiz.options.enumerated() {
                out.append(ExamOutput(s("exam.option_row", ["number": "\(number + 1)", "text": option.text(language)])))
            }
            return out + timeLeft(at: clock.now(), always: false)
        case .scenario:
            guard let scenario = environment.library.scenarios[item.id]?.value else {
                try writer.append(record)
                return out + [ExamOutput(s("exam.item_missing", ["item": item.id]), .warning)] + (try advance())
            }
            record.text = scenario.title.text(language)
            try writer.append(record)
            run = ScenarioRun(scenario: scenario, flows: environment.library.flows.mapValues(\.value), rules: environment.library.rules,
                              seed: item.seed ?? 0, hints: exam.hints)
            shown = 0
            out.append(ExamOutput(scenario.title.text(language), .heading))
            if let summary = scenario.summary { out.append(ExamOutput(summary.filled(scenario.vars).text(language))) }
            return out + (try afterScenarioStep())
        }
    }

    /// New transcript entries as lines, with decision points and reply requests recorded.
    private func render() throws -> [ExamOutput] {
        guard let run else { return [] }
        var out: [ExamOutput] = []
        for entry in run.transcript[shown...] {
            switch entry {
            case .buyer(let text):
                out.append(ExamOutput(s("exam.buyer", ["buyer": run.variables["buyer"] ?? s("exam.buyer_default"), "text": text]), .buyer))
            case .narration(let text):
                out.append(ExamOutput(s("exam.narration", ["text": text.text(language)]), .dim))
            case .decision(let node, let choices):
                var record = event(.decision)
                record.item = currentItem?.id
                record.node = node
                record.choices = choices.map { $0.text(language) }
                try writer.append(record)
                for (number, choice) in choices.enumerated() {
                    out.append(ExamOutput(s("exam.choice_row", ["number": "\(number + 1)", "text": choice.text(language)])))
                }
            case .chose(_, let number, let text, _, _, _, _):
                out.append(ExamOutput(s("exam.you_chose", ["number": "\(number)", "text": text.filled(run.variables).text(language)]), .dim))
            case .replyRequested(let node, let prompt, _):
                var record = event(.replyRequested)
                record.item = currentItem?.id
                record.node = node
                try writer.append(record)
                out.append(ExamOutput(prompt.text(language), .heading))
                out.append(ExamOutput(s("exam.reply_instructions"), .dim))
            case .replied, .hint:
                break
            case .deadlinePassed(_, _, let label):
                out.append(ExamOutput(s("exam.deadline_passed", ["label": label.text(language)]), .warning))
            case .ended(_, _, let text):
                out.append(ExamOutput(s("exam.scenario_ended", ["text": text.text(language)]), .dim))
            }
        }
        shown = run.transcript.count
        return out
    }

    private func scenarioClock() -> [ExamOutput] {
        guard let run, !run.activeDeadlines.isEmpty else { return [] }
        var parts = [s("exam.scenario_clock", ["day": "\(run.clock.day)", "time": run.clock.timeOfDay])]
        for (deadline, left) in run.activeDeadlines {
            parts.append(s("exam.scenario_deadline", ["hours": "\(Int(left.rounded(.down)))", "label": deadline.label.text(language)]))
        }
        return [ExamOutput(parts.joined(separator: " — "), .dim)]
    }

    // MARK: - Time

    private enum Window { case open, grace, closed }

    private func window(at now: Date) -> Window {
        guard let limit = exam.timeLimit else { return .open }
        let elapsed = now.timeIntervalSince(startedAt)
        if elapsed <= limit * 60 { return .open }
        if let grace = exam.grace, grace > 0, elapsed <= (limit + grace) * 60 { return .grace }
        return .closed
    }

    private func secondsLeft(at now: Date) -> Double {
        guard let limit = exam.timeLimit else { return .infinity }
        let end = inGrace ? limit + (exam.grace ?? 0) : limit
        return end * 60 - now.timeIntervalSince(startedAt)
    }

    private func timeLeft(at now: Date, always: Bool) -> [ExamOutput] {
        guard exam.timeLimit != nil else { return always ? [ExamOutput(s("exam.untimed"), .dim)] : [] }
        let key = inGrace ? "exam.grace_left" : "exam.time_left"
        return [ExamOutput(s(key, ["time": ExamTime.clock(seconds: secondsLeft(at: now))]), .notice)]
    }

    // MARK: - Handing in

    private func submit(_ reason: ExamEvent.Reason, notice: String?) throws -> [ExamOutput] {
        var out: [ExamOutput] = []
        if let notice { out.append(ExamOutput(s(notice), .warning)) }
        if !replyLines.isEmpty, let grade = grade(replyLines.joined(separator: "\n")), !grade.refused {
            try saveReply(replyLines.joined(separator: "\n"), grade: grade, partial: true)
            out.append(ExamOutput(s("exam.partial_reply_saved"), .dim))
        }
        var record = event(.submitted)
        record.reason = reason
        try writer.append(record)
        isOver = true
        run = nil
        quizItem = nil
        out.append(ExamOutput(""))
        out.append(ExamOutput(s("exam.submitted.\(reason.rawValue)"), .heading))
        if !transcriptName.isEmpty { out.append(ExamOutput(s("exam.transcript_saved", ["path": transcriptName]), .dim)) }

        let text = writer.lines.joined(separator: "\n") + "\n"
        if let transcript = try? ExamTranscript.parse(text, path: transcriptName) {
            let graded = ExamGrader(spec: spec, environment: environment).grade(transcript)
            result = graded
            let passed = graded.percent >= exam.passMark
            try progress?.examSubmitted(ExamSubmission(
                exam: exam.id, trainee: trainee, attempt: attempt, percent: graded.percent, passed: passed, reason: reason,
                transcript: transcriptName, at: record.at))
            out += exam.showResult ? ExamResultLines(strings: s, language: language).lines(graded, passMark: exam.passMark)
                : [ExamOutput(s("exam.result_hidden"), .plain)]
        }
        return out
    }

    // MARK: - Helpers

    private var currentItem: ExamPlanItem? { index >= 0 && index < plan.items.count ? plan.items[index] : nil }

    /// A new event stamped now. `t` never goes backwards, even if the wall clock is set back during the exam
    /// (grading flags time stamps that go backwards as tampering).
    private func event(_ kind: ExamEvent.Kind) -> ExamEvent {
        let now = clock.now()
        lastT = max(lastT, Int((now.timeIntervalSince(startedAt) * 1000).rounded(.down)))
        return ExamEvent(type: kind, at: ExamTime.iso(now), t: lastT)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
