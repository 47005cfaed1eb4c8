import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// `aftersales exam take|grade|override`: instructor-run scored sessions.
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam", abstract: "Scored exams: take one, grade a class, override a grade.",
        subcommands: [ExamTakeCommand.self, ExamGradeCommand.self, ExamOverrideCommand.self])
}

/// `exam take SPEC --trainee NAME [--out DIR]`
struct ExamTakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take", abstract: "Take an exam; the transcript goes to --out (default ./results/).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The exam spec (YAML), a path or an exam id from Content/exams.")
    var spec: String

    @Option(name: .long, help: "Folder for the transcript (created 0700 if missing).")
    var out: String = "results"

    func validate() throws {
        guard global.trainee != nil else { throw ValidationError("exam take needs --trainee NAME (as the instructor's class list has it)") }
    }

    func run() throws {
        let context = try AppContext.load(global)
        let s = context.strings
        let trainee = global.trainee ?? ""
        guard ExamTraineeName.isValid(trainee) else {
            standardError(s("exam.bad_trainee"))
            throw ExitCode(2)
        }
        let loaded = try ExamSpecs.load(spec, context: context)
        let environment = ExamSpecs.environment(context)
        let problems = ExamSpecLinter(library: context.library, quiz: environment.quiz).lint(loaded)
        if !problems.filter({ $0.severity == .error }).isEmpty {
            standardError(s("exam.spec_invalid"))
            problems.forEach { standardError(Sanitize.line($0.description)) }
            throw ExitCode(1)
        }
        let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            standardError(s("exam.out_unwritable", ["path": folder.path, "detail": error.localizedDescription]))
            throw ExitCode(1)
        }
        let done = ExamTranscriptFolder.attempts(in: folder, exam: loaded.spec.id, trainee: trainee)
        if let allowed = loaded.spec.attempts, done.count >= allowed {
            standardError(s("exam.no_attempts_left", ["trainee": trainee, "allowed": "\(allowed)"]))
            throw ExitCode(1)
        }
        let attempt = (done.max() ?? 0) + 1
        let file = folder.appendingPathComponent(ExamTranscriptFolder.fileName(exam: loaded.spec.id, trainee: trainee, attempt: attempt))
        let sink: FileLogSink
        do {
            sink = try FileLogSink(path: file.path, exclusive: true)
        } catch {
            standardError(s("exam.out_unwritable", ["path": file.path, "detail": error.reason]))
            throw ExitCode(1)
        }
        let session: ExamSession
        do {
            session = try ExamSession(spec: loaded, environment: environment, trainee: trainee, attempt: attempt,
                                      clock: SystemExamClock(), sink: sink, specPath: loaded.url.path,
                                      transcriptName: ExamSpecs.shown(file))
        } catch {
            try? FileManager.default.removeItem(at: file)
            standardError(s("exam.cannot_start", ["detail": "\(error)"]))
            throw ExitCode(1)
        }
        // The attempt also goes into the trainee's own progress file, when the class-list name can name one.
        if global.progress != nil || TraineeName.problem(with: trainee) == nil {
            session.progress = ExamProgress(session: try ProgressSession(context: context, options: global))
        } else {
            standardError(s("exam.no_progress_file", ["trainee": Sanitize.line(trainee)]))
        }
        let reader = makeReader(context)
        defer { reader.close() }
        let printer = ExamOutputPrinter(console: context.console)
        do {
            printer.print(try session.start())
            while !session.isOver {
                let interactive = reader is ReadlineReader
                let prompt = interactive ? context.console.prompt(session.prompt, .cyan) : ""
                switch reader.read(prompt: prompt, history: !session.isWritingReply) {
                case .line(let line): printer.print(try session.input(line))
                case .endOfInput: printer.print(try session.endOfInput())
                }
            }
        } catch {
            standardError(s("exam.write_failed", ["path": file.path, "detail": "\(error)"]))
            throw ExitCode(1)
        }
    }
}

/// `exam grade TRANSCRIPT... [--csv FILE] [--html FILE] [--json]`
struct ExamGradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Re-grade transcripts with today's content; print the class table and write reports.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Transcript files (*.jsonl); overrides files beside them are read automatically.")
    var transcripts: [String] = []

    @Option(name: .long, help: "The exam spec; default: found by the transcripts' exam id in Content/exams, or the path they recorded.")
    var spec: String?

    @Option(name: .long, help: "Write the class table as CSV (UTF-8 with BOM) to FILE.")
    var csv: String?

    @Option(name: .long, help: "Write the self-contained HTML report to FILE.")
    var html: String?

    @Flag(name: .long, help: "Print the whole report as JSON instead of the table.")
    var json = false

    func run() throws {
        let context = try AppContext.load(global)
        let s = context.strings
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let files = transcripts.map { (URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL, $0) }
        guard let loaded = try ExamSpecs.forGrading(spec, transcripts: files.map(\.0), context: context) else {
            standardError(s(files.isEmpty ? "exam.problem.empty-class" : "exam.spec_not_found"))
            throw ExitCode(1)
        }
        let environment = ExamSpecs.environment(context)
        let result = ExamClassGrader(spec: loaded, environment: environment).grade(files)
        let report = ClassReport.build(result, spec: loaded, environment: environment)
        if json {
            print(try report.json(), terminator: "")
        } else {
            ExamReportPrinter(context: context).print(report)
        }
        if let csv {
            try ExamSpecs.write(ClassReportCSV(report: report, strings: s).render(), to: csv, context: context)
        }
        if let html {
            try ExamSpecs.write(ClassReportHTML(report: report, strings: s).render(), to: html, context: context)
        }
        if report.trainees.isEmpty { throw ExitCode(1) }
    }
}

/// `exam override TRANSCRIPT --item ID --points N --reason TEXT`
struct ExamOverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override", abstract: "Record a change to one item's points, with its reason, beside the transcript.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The transcript (*.jsonl). It is never changed; the override goes to NAME.overrides.jsonl.")
    var transcript: String

    @Option(name: .long, help: "Item id: a scenario id or quiz item id of the trainee's paper.")
    var item: String

    @Option(name: .long, help: "Points for the item, from 0 to the item's maximum.")
    var points: Double

    @Option(name: .long, help: "Why (required; shown in every report).")
    var reason: String

    func run() throws {
        let context = try AppContext.load(global)
        let s = context.strings
        let url = URL(fileURLWithPath: transcript, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let read: ExamTranscript
        do {
            read = try ExamTranscript.read(url, shownPath: transcript)
        } catch {
            standardError(FileProblem(file: transcript, code: ExamSpecs.code(error), detail: [:]).message(s))
            throw ExitCode(1)
        }
        if let damage = read.chainBreak {
            standardError(s("exam.override_damaged", ["file": transcript, "line": "\(damage.line)"]))
            throw ExitCode(1)
        }
        do {
            let record = try ExamOverrides.append(to: read, at: url, item: item, points: points, reason: reason,
                                                  time: ExamTime.iso(Date()), by: context.environment["USER"])
            print(s("exam.override_recorded", ["item": record.item, "points": ExamResultLines.points(record.points),
                                               "trainee": Sanitize.line(record.trainee),
                                               "file": ExamSpecs.shown(ExamOverrides.url(for: url))]))
        } catch {
            switch error {
            case .emptyReason: standardError(s("exam.override_reason_required"))
            case .unknownItem(let id, let known):
                standardError(s("exam.override_unknown_item", ["item": id, "items": known.joined(separator: ", ")]))
            case .pointsOutOfRange(let value, let max):
                standardError(s("exam.override_points_range", ["points": ExamResultLines.points(value), "max": ExamResultLines.points(max)]))
            case .damaged(let damage):
                standardError(s("exam.override_file_damaged", ["line": "\(damage.line)"]))
            case .write(let detail):
                standardError(s("exam.write_failed", ["path": ExamOverrides.url(for: url).path, "detail": detail]))
            }
            throw ExitCode(1)
        }
    }
}

/// Records a submitted exam in the trainee's progress file.
struct ExamProgress: ExamProgressRecording {
    let session: ProgressSession

    func examSubmitted(_ submission: ExamSubmission) throws {
        session.record(.examSubmitted(ExamSubmitted(time: Timestamp(Date()), exam: submission.exam, score: Int(submission.percent.rounded()),
                                                    passed: submission.passed, transcript: submission.transcript)))
    }
}
