import Foundation
import Testing

@testable import AfterSalesKit

/// Test doubles and helpers shared by the exam suites.
enum ExamFixtures {
    /// The repository root (for the real interface strings, which every `exam.*` key must exist in).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func library() throws -> ContentLibrary {
        try ContentLoader(root: LoaderTests.fixtures.appendingPathComponent("mini")).load()
    }

    /// The shipped English strings, so the tests see what trainees see.
    static func strings(_ language: Language = .en) throws -> StringTable {
        func table(_ lang: Language) throws -> [String: String] {
            let url = packageRoot.appendingPathComponent("Content/strings/\(lang.rawValue).yaml")
            return try YAMLDocument(file: url.path, text: String(contentsOf: url, encoding: .utf8)).decode([String: String].self)
        }
        return StringTable(language: language, entries: try table(language), fallback: try table(language == .en ? .zh : .en))
    }

    static func environment(grader: ReplyGrading = FakeGrader(), quiz: ExamQuizBank = FakeQuizBank(), library: ContentLibrary? = nil,
                            language: Language = .en) throws -> ExamEnvironment {
        ExamEnvironment(library: try library ?? self.library(), quiz: quiz, grader: grader, strings: try strings(language),
                        language: language, programVersion: "test")
    }

    /// Writes `yaml` to a temporary file and loads it as a spec (failing the test on diagnostics).
    static func spec(_ yaml: String, file: String = "spec.yaml") throws -> LoadedExamSpec {
        let url = temporaryFolder().appendingPathComponent(file)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        let (spec, problems) = ExamSpecLoader.load(url, shownPath: file)
        #expect(problems.isEmpty, "\(problems)")
        return try #require(spec)
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-exam-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Takes an exam: each step is (minutes to wait, line typed). Returns the session and the transcript text.
    static func take(_ spec: LoadedExamSpec, trainee: String, attempt: Int = 1, steps: [(Double, String)],
                     environment: ExamEnvironment? = nil, clock: ManualExamClock = ManualExamClock(), endInput: Bool = true)
        throws -> (session: ExamSession, text: String, output: [ExamOutput])
    {
        let sink = MemoryLogSink()
        let session = try ExamSession(spec: spec, environment: try environment ?? self.environment(), trainee: trainee, attempt: attempt,
                                      clock: clock, sink: sink, specPath: spec.url.path, transcriptName: "\(trainee).jsonl")
        var output = try session.start()
        for (minutes, line) in steps {
            clock.advance(minutes: minutes)
            output += try session.input(line)
        }
        if endInput { output += try session.endOfInput() }
        return (session, sink.text, output)
    }

    static func transcript(_ text: String, path: String = "t.jsonl") throws -> ExamTranscript {
        try ExamTranscript.parse(text, path: path)
    }

    /// Re-writes a transcript after `change`, recomputing every hash: a forgery the chain cannot see,
    /// which other checks (timing, replay) must catch.
    static func forge(_ text: String, _ change: (inout [ExamEvent]) -> Void) throws -> String {
        var events = ChainedLog.verify(text, as: ExamEvent.self).records.map(\.record)
        change(&events)
        let sink = MemoryLogSink()
        let writer = ChainedLogWriter<ExamEvent>(sink: sink)
        for event in events { try writer.append(event) }
        return sink.text
    }

    /// Quiz-only spec over `FakeQuizBank`: items q1…q5, one point each.
    static let quizSpec = """
        id: quiz-five
        title: {en: Five questions, zh: 五道题}
        quiz:
          items: [q1, q2, q3, q4, q5]
        seed: 1
        pass_mark: 60
        show_result: true
        attempts: unlimited
        grading: highest
        """
}

/// A quiz bank double: five multiple-choice items, option 1 always right; q6–q8 are drawable extras.
struct FakeQuizBank: ExamQuizBank {
    static let items: [ExamQuizItem] = [
        ExamQuizItem(id: "q1", topic: "claims", prompt: Localized(en: "Q1?", zh: "问1？"), options: [Localized("right"), Localized("wrong")],
                     rules: ["claims.answer-fast"]),
        ExamQuizItem(id: "q2", topic: "claims", prompt: Localized(en: "Q2?", zh: "问2？"), options: [Localized("right"), Localized("wrong")]),
        ExamQuizItem(id: "q3", topic: "claims", prompt: Localized(en: "Q3?", zh: "问3？"), options: [Localized("right"), Localized("wrong")],
                     rules: ["claims.no-blame"]),
        ExamQuizItem(id: "q4", topic: "apology", prompt: Localized(en: "Q4?", zh: "问4？"), options: [Localized("right"), Localized("wrong")],
                     rules: ["claims.no-blame"]),
        ExamQuizItem(id: "q5", topic: "apology", prompt: Localized(en: "Q5?", zh: "问5？"), options: [Localized("right"), Localized("wrong")]),
        ExamQuizItem(id: "q6", topic: "returns", prompt: Localized("Q6?"), options: [Localized("right"), Localized("wrong")]),
        ExamQuizItem(id: "q7", topic: "returns", prompt: Localized("Q7?"), options: [Localized("right"), Localized("wrong")]),
        ExamQuizItem(id: "q8", topic: "returns", prompt: Localized("Q8?"), options: [Localized("right"), Localized("wrong")]),
    ]
    var topics: Set<String> { Set(Self.items.map(\.topic)) }
    func item(id: String) -> ExamQuizItem? { Self.items.first { $0.id == id } }
    func items(topic: String) -> [ExamQuizItem] { Self.items.filter { $0.topic == topic } }
    func check(itemID: String, answer: String) -> Bool { item(id: itemID) != nil && answer == "1" }
}

/// A reply grader double: 40 points to start, +30 for "sorry", +30 for "refund"; "your fault" is a critical
/// violation of claims.no-blame. Evidence spans point at the words (code-point offsets).
struct FakeGrader: ReplyGrading {
    /// Points for each criterion met; a "stricter rubric" gives less.
    var perCriterion = 30

    func grade(_ reply: String, rubric: String, variables: [String: String], context: [String: String], language: Language) -> GradeReport {
        let lower = reply.lowercased()
        func span(_ word: String) -> [Evidence] {
            guard let range = lower.range(of: word) else { return [] }
            let start = lower.unicodeScalars.distance(from: lower.unicodeScalars.startIndex, to: range.lowerBound)
            return [Evidence(start: start, end: start + word.unicodeScalars.count, text: String(reply.unicodeScalars.dropFirst(start).prefix(word.unicodeScalars.count)))]
        }
        var score = 40
        var criteria: [CriterionResult] = []
        for word in ["sorry", "refund"] {
            let evidence = span(word)
            if !evidence.isEmpty { score += perCriterion }
            criteria.append(CriterionResult(id: word, met: !evidence.isEmpty, rule: "", weight: Double(perCriterion), evidence: evidence))
        }
        let blame = span("your fault")
        let violations = blame.isEmpty ? [] : [ViolationResult(id: "blame_buyer", rule: "claims.no-blame", critical: true, penalty: 40, evidence: blame)]
        if !blame.isEmpty { score = max(0, score - 40) }
        return GradeReport(rubric: rubric, score: score, verdict: GradeReport.verdict(for: score, critical: !blame.isEmpty),
                           criteria: criteria, violations: violations)
    }
}
