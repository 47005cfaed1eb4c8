import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Exam grading: re-grading, flags, attempts, overrides")
struct ExamGradingTests {
    /// Answers "1" (right) or "2" (wrong) for q1…q5 of the quiz-only spec.
    static func answers(_ pattern: String) -> [(Double, String)] {
        pattern.map { (1, $0 == "1" ? "1" : "2") }
    }

    static func quizSpec(_ extra: String = "") throws -> LoadedExamSpec {
        try ExamFixtures.spec(ExamFixtures.quizSpec + extra)
    }

    /// Writes transcripts to a folder and grades them as `exam grade` does.
    static func gradeFiles(_ texts: [(name: String, text: String)], spec: LoadedExamSpec, environment: ExamEnvironment? = nil,
                           extra: [String] = []) throws -> (ExamClassResult, URL) {
        let folder = ExamFixtures.temporaryFolder()
        var files: [(URL, String)] = []
        for (name, text) in texts {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            files.append((url, name))
        }
        for name in extra { files.append((folder.appendingPathComponent(name), name)) }
        let result = ExamClassGrader(spec: spec, environment: try environment ?? ExamFixtures.environment()).grade(files)
        return (result, folder)
    }

    @Test(arguments: [(GradingMethod.highest, 80.0, 2), (.average, 60.0, 3), (.first, 40.0, 1), (.last, 60.0, 3)])
    func attemptsCombineByTheGradingMethod(method: GradingMethod, expected: Double, shownAttempt: Int) throws {
        let spec = try Self.quizSpec().withGrading(method)
        let attempts = try [("11000", 1), ("11110", 2), ("11100", 3)].map { pattern, number in
            let text = try ExamFixtures.take(spec, trainee: "Ann", attempt: number, steps: Self.answers(pattern)).text
            return ExamGrader(spec: spec, environment: try ExamFixtures.environment()).grade(try ExamFixtures.transcript(text, path: "a\(number)"))
        }
        #expect(attempts.map(\.percent) == [40, 80, 60])
        let rows = ExamClassGrader(spec: spec, environment: try ExamFixtures.environment()).combine(attempts.reversed())
        #expect(rows.count == 1)
        #expect(rows[0].percent == expected)
        #expect(rows[0].attempt.attempt == shownAttempt)
        #expect(rows[0].passed == (expected >= 60))
    }

    @Test func attemptsBeyondTheLimitDoNotCount() throws {
        let spec = try Self.quizSpec().withAttempts(2)
        let attempts = try [("11000", 1), ("11110", 2), ("11111", 3)].map { pattern, number in
            let text = try ExamFixtures.take(spec, trainee: "Ann", attempt: number, steps: Self.answers(pattern)).text
            return ExamGrader(spec: spec, environment: try ExamFixtures.environment()).grade(try ExamFixtures.transcript(text, path: "a\(number)"))
        }
        let row = try #require(ExamClassGrader(spec: spec, environment: try ExamFixtures.environment()).combine(attempts).first)
        #expect(row.percent == 80, "the 100 % third attempt is beyond the two allowed")
        #expect(row.extraFlags.map(\.code) == [.extraAttempt])
        #expect(row.attemptsOnFile == 3 && row.attemptsCounted == 2)
    }

    @Test func regradingIsDeterministicAndFollowsTheCurrentGrader() throws {
        let spec = try ExamFixtures.spec("id: r\ntitle: R\nscenarios: [mini]\npass_mark: 50\n")
        let text = try ExamFixtures.take(spec, trainee: "Ann", steps: [(1, "1"), (1, "Sorry, a refund today."), (0, "."), (1, "1")]).text
        let files = [("ann.jsonl", text)]
        let environment = try ExamFixtures.environment()
        let first = ClassReport.build(try Self.gradeFiles(files, spec: spec).0, spec: spec, environment: environment)
        let second = ClassReport.build(try Self.gradeFiles(files, spec: spec).0, spec: spec, environment: environment)
        #expect(try first.json() == second.json(), "same transcript and content, same bytes")
        #expect(first.trainees[0].attempt.item("mini")?.replies.first?.grade.score == 100)

        // A stricter rubric re-grades the same transcript lower; the path still replays (grade ≥ 70 → calm).
        let strict = try ExamFixtures.environment(grader: FakeGrader(perCriterion: 20))
        let regraded = try Self.gradeFiles(files, spec: spec, environment: strict).0
        #expect(regraded.trainees[0].attempt.item("mini")?.replies.first?.grade.score == 80)
        #expect(regraded.trainees[0].percent < first.trainees[0].percent)
        #expect(regraded.trainees[0].flags.isEmpty)
    }

    @Test func otherContentAndOtherSpecAreReportedButStillGraded() throws {
        let spec = try Self.quizSpec()
        let text = try ExamFixtures.take(spec, trainee: "Ann", steps: Self.answers("11111")).text
        var library = try ExamFixtures.library()
        library.fileHashes["Scenarios/mini.yaml"] = String(repeating: "a", count: 64)
        let changedSpec = try Self.quizSpec("\n# a comment changes the hash")
        let graded = ExamGrader(spec: changedSpec, environment: try ExamFixtures.environment(library: library))
            .grade(try ExamFixtures.transcript(text))
        #expect(Set(graded.flags.map(\.code)) == [.contentChanged, .specChanged])
        #expect(graded.trusted)
        #expect(graded.percent == 100)
    }

    @Test func anAnswerAfterTheTimeLimitIsImpossibleAndIgnored() throws {
        let spec = try Self.quizSpec("\ntime_limit: 10\ngrace: 1")
        let text = try ExamFixtures.take(spec, trainee: "Ann", steps: Self.answers("11111")).text
        // A forger re-chains the file with q5's answer moved to minute 12 (limit 10 + grace 1 = 11).
        let forged = try ExamFixtures.forge(text) { events in
            let index = events.firstIndex { $0.type == .quizAnswer && $0.item == "q5" }!
            events[index].t = 12 * 60_000
        }
        let transcript = try ExamFixtures.transcript(forged)
        #expect(transcript.chainBreak == nil, "the chain is intact: only the timing check can see this")
        let graded = ExamGrader(spec: spec, environment: try ExamFixtures.environment()).grade(transcript)
        let late = try #require(graded.flags.first { $0.code == .lateAnswer })
        #expect(late.line == 11, "header, then item and answer lines for q1…q5: q5's answer is line 11")
        #expect(late.message(try ExamFixtures.strings()).hasPrefix("line 11: answer to q5 after the time limit"))
        #expect(!graded.trusted)
        #expect(graded.item("q5")?.answered == false, "the late answer does not count")
        #expect(graded.flags.contains { $0.code == .timeBackwards }, "the hand-in line now comes before q5's answer")
    }

    @Test func aRecordedPathThatNoLongerFitsIsFlaggedAndGradedUpToThere() throws {
        let spec = try ExamFixtures.spec("id: r\ntitle: R\nscenarios: [mini]\npass_mark: 50\n")
        let text = try ExamFixtures.take(spec, trainee: "Ann", steps: [(1, "1"), (1, "Sorry, a refund today."), (0, "."), (1, "1")]).text
        let forged = try ExamFixtures.forge(text) { events in
            let index = events.firstIndex { $0.type == .reply }!
            events[index].node = "somewhere-else"
        }
        let graded = ExamGrader(spec: spec, environment: try ExamFixtures.environment()).grade(try ExamFixtures.transcript(forged))
        let flag = try #require(graded.flags.first { $0.code == .replayDiverged })
        #expect(flag.detail["node"] == "somewhere-else")
        #expect(graded.item("mini")?.finished == false)
        #expect(graded.item("mini")?.scenarioScore == 30, "the first choice's +30 above the start of 20; nothing after")
        #expect(graded.item("mini")?.earned == 3)
    }

    @Test func stoppingInsideAScenarioNeverBeatsFinishingIt() throws {
        let spec = try ExamFixtures.spec("id: r\ntitle: R\nscenarios: [mini]\npass_mark: 50\n")
        let grader = ExamGrader(spec: spec, environment: try ExamFixtures.environment())
        // Stops after the good first choice: start 20 + 30 = 50 on the scenario's scale, but only the +30 counts.
        let stopped = grader.grade(try ExamFixtures.transcript(try ExamFixtures.take(spec, trainee: "A", steps: [(1, "1")]).text))
        #expect(stopped.item("mini")?.finished == false)
        #expect(stopped.item("mini")?.scenarioScore == 30)
        // Finishes with the good choice and a poor reply: 20 + 30 + 50 × 40 % = 70, then the "lost" ending.
        let finished = grader.grade(try ExamFixtures.transcript(try ExamFixtures.take(
            spec, trainee: "B", steps: [(1, "1"), (1, "no"), (0, ".")]).text))
        #expect(finished.item("mini")?.finished == true)
        #expect(finished.item("mini")?.scenarioScore == 70)
        #expect(stopped.percent < finished.percent)
    }

    @Test func badFilesAreReportedAndTheRestOfTheClassIsGraded() throws {
        let spec = try Self.quizSpec()
        let other = try ExamFixtures.spec(ExamFixtures.quizSpec.replacingOccurrences(of: "id: quiz-five", with: "id: another-exam"), file: "other.yaml")
        let ann = try ExamFixtures.take(spec, trainee: "Ann", steps: Self.answers("11111")).text
        let bo = try ExamFixtures.take(spec, trainee: "Bo", steps: Self.answers("10101")).text
        let annAgain = try ExamFixtures.take(spec, trainee: " ann", steps: Self.answers("00000")).text
        let elsewhere = try ExamFixtures.take(other, trainee: "Cy", steps: Self.answers("11111")).text
        let (result, _) = try Self.gradeFiles(
            [("ann.jsonl", ann), ("bo.jsonl", bo), ("ann-copy.jsonl", annAgain), ("cy.jsonl", elsewhere), ("notes.jsonl", "just notes\n"),
             ("empty.jsonl", "")],
            spec: spec, extra: ["gone.jsonl"])
        #expect(result.trainees.map(\.name) == ["Ann", "Bo"])
        #expect(result.trainees.map(\.percent) == [100, 60])
        let problems = Dictionary(uniqueKeysWithValues: result.problems.map { ($0.file, $0.code) })
        #expect(problems == ["ann-copy.jsonl": .duplicate, "cy.jsonl": .otherExam, "notes.jsonl": .noHeader, "empty.jsonl": .empty,
                             "gone.jsonl": .missing])
        let s = try ExamFixtures.strings()
        let messages = result.problems.map { $0.message(s) }
        #expect(messages.contains("ann-copy.jsonl: ann's attempt 1 is also in ann.jsonl: only the first is graded"))
        #expect(messages.contains("cy.jsonl: a transcript of exam 'another-exam', not 'quiz-five': not graded"))
        #expect(messages.contains("gone.jsonl: no such file"))
    }

    @Test func anEmptyClassSaysSo() throws {
        let (result, _) = try Self.gradeFiles([], spec: try Self.quizSpec())
        #expect(result.trainees.isEmpty)
        #expect(result.problems.map(\.code) == [.emptyClass])
    }

    @Test func anEditedTranscriptIsShownButKeptOutOfTheStatistics() throws {
        let spec = try Self.quizSpec()
        let ann = try ExamFixtures.take(spec, trainee: "Ann", steps: Self.answers("10000")).text
        let bo = try ExamFixtures.take(spec, trainee: "Bo", steps: Self.answers("11111")).text
        let edited = ann.replacingOccurrences(of: "\"answer\":\"2\"", with: "\"answer\":\"1\"")
        let (result, _) = try Self.gradeFiles([("ann.jsonl", edited), ("bo.jsonl", bo)], spec: spec)
        let row = try #require(result.trainees.first { $0.name == "Ann" })
        #expect(!row.trusted)
        #expect(row.flags.first?.code == .chainEdited)
        #expect(row.flags.first?.line == 5)
        let report = ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment())
        #expect(report.statistics.count == 1)
        #expect(report.trainees.first { $0.name == "Ann" }?.flags.first?.message
                == "line 5 was edited after it was written (hash mismatch): not trusted")
    }

    @Test func overridesAreRecordedBesideTheTranscriptAppliedAndReported() throws {
        let spec = try Self.quizSpec()
        let text = try ExamFixtures.take(spec, trainee: "Ann", steps: Self.answers("11100")).text
        let folder = ExamFixtures.temporaryFolder()
        let url = folder.appendingPathComponent("quiz-five.ann.attempt1.jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let transcript = try ExamTranscript.read(url)

        #expect(throws: ExamOverrides.Problem.emptyReason) {
            try ExamOverrides.append(to: transcript, at: url, item: "q4", points: 1, reason: "  ", time: "t", by: nil)
        }
        #expect(throws: ExamOverrides.Problem.unknownItem("q9", known: ["q1", "q2", "q3", "q4", "q5"])) {
            try ExamOverrides.append(to: transcript, at: url, item: "q9", points: 1, reason: "x", time: "t", by: nil)
        }
        #expect(throws: ExamOverrides.Problem.pointsOutOfRange(2, max: 1)) {
            try ExamOverrides.append(to: transcript, at: url, item: "q4", points: 2, reason: "x", time: "t", by: nil)
        }
        _ = try ExamOverrides.append(to: transcript, at: url, item: "q4", points: 0.5, reason: "ambiguous wording", time: "t1", by: "lee")
        _ = try ExamOverrides.append(to: transcript, at: url, item: "q4", points: 1, reason: "key was wrong", time: "t2", by: "lee")
        #expect(try String(contentsOf: url, encoding: .utf8) == text, "the transcript is never touched")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("quiz-five.ann.attempt1.overrides.jsonl").path))

        let result = ExamClassGrader(spec: spec, environment: try ExamFixtures.environment()).grade([(url, "ann.jsonl")])
        let attempt = result.trainees[0].attempt
        #expect(attempt.item("q4")?.earned == 1)
        #expect(attempt.item("q4")?.computed == 0)
        #expect(attempt.percent == 80)
        #expect(attempt.overrides.map(\.reason) == ["ambiguous wording", "key was wrong"])
        let report = ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment())
        #expect(report.overrides.map(\.after) == [0.5, 1])

        // A hand-edited overrides file is not applied, and says where it broke.
        let overrides = ExamOverrides.url(for: url)
        let damaged = try String(contentsOf: overrides, encoding: .utf8).replacingOccurrences(of: "\"points\":1,", with: "\"points\":0.9,")
        try damaged.write(to: overrides, atomically: true, encoding: .utf8)
        let again = ExamClassGrader(spec: spec, environment: try ExamFixtures.environment()).grade([(url, "ann.jsonl")])
        #expect(again.trainees[0].attempt.percent == 60)
        #expect(again.trainees[0].flags.map(\.code) == [.overridesDamaged])
        #expect(again.trainees[0].flags.first?.line == 2)
    }
}

extension LoadedExamSpec {
    func withGrading(_ method: GradingMethod) -> LoadedExamSpec {
        var copy = self
        copy.spec.grading = method
        return copy
    }

    func withAttempts(_ count: Int?) -> LoadedExamSpec {
        var copy = self
        copy.spec.attempts = count
        return copy
    }
}
