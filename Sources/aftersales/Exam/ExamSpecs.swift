import AfterSalesKit
import ArgumentParser
import Foundation

/// Finding and loading exam specs for the exam commands, and the stand-ins for the quiz bank and grader.
enum ExamSpecs {
    /// The reply grader and quiz bank exams use.
    static func environment(_ context: AppContext) -> ExamEnvironment {
        ExamEnvironment(library: context.library, quiz: quizBank(context), grader: LazyGrader(library: context.library), strings: context.strings,
                        language: context.language, programVersion: AfterSalesCommand.version)
    }

    /// The quiz question bank, as exams see it.
    static func quizBank(_ context: AppContext) -> ExamQuizBank { QuizExamBank(bank: QuizContent.load(context)) }

    /// A spec by path, or by exam id among `Content/exams/*.yaml`; diagnostics go to stderr.
    static func load(_ argument: String, context: AppContext) throws -> LoadedExamSpec {
        let url = URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        if !FileManager.default.fileExists(atPath: url.path), ExamSpecLoader.isPlainID(argument),
           let found = ExamSpecLoader.loadAll(root: context.library.root).specs.first(where: { $0.spec.id == argument }) {
            return found
        }
        let (spec, problems) = ExamSpecLoader.load(url, shownPath: argument)
        guard let spec else {
            standardError(context.strings("exam.spec_invalid"))
            problems.forEach { standardError(Sanitize.line($0.description)) }
            throw ExitCode(1)
        }
        return spec
    }

    /// The spec to grade with: `--spec`, else the exam most transcripts name, looked up in Content/exams,
    /// else the spec path recorded in a transcript (if the file is still there and has that id).
    static func forGrading(_ option: String?, transcripts: [URL], context: AppContext) throws -> LoadedExamSpec? {
        if let option { return try load(option, context: context) }
        let headers = transcripts.compactMap { try? ExamTranscript.read($0) }.map(\.header)
        var counts: [String: Int] = [:]
        for header in headers { counts[header.exam ?? "", default: 0] += 1 }
        guard let exam = headers.map({ $0.exam ?? "" }).max(by: { counts[$0]! < counts[$1]! }) else { return nil }
        if let found = ExamSpecLoader.loadAll(root: context.library.root).specs.first(where: { $0.spec.id == exam }) { return found }
        for header in headers where header.exam == exam {
            guard let path = header.specPath, FileManager.default.fileExists(atPath: path),
                  let spec = ExamSpecLoader.load(URL(fileURLWithPath: path)).spec, spec.spec.id == exam else { continue }
            return spec
        }
        return nil
    }

    static func write(_ text: String, to path: String, context: AppContext) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            standardError(context.strings("exam.report_written", ["path": path]))
        } catch {
            standardError(context.strings("exam.write_failed", ["path": path, "detail": error.localizedDescription]))
            throw ExitCode(1)
        }
    }

    /// A path relative to the working directory when it is inside it.
    static func shown(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return url.path.hasPrefix(cwd + "/") ? String(url.path.dropFirst(cwd.count + 1)) : url.path
    }

    static func code(_ problem: ExamTranscript.Problem) -> FileProblem.Code {
        switch problem {
        case .missing: return .missing
        case .unreadable: return .unreadable
        case .empty: return .empty
        case .notUTF8: return .notUTF8
        case .noHeader: return .noHeader
        }
    }
}
