import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Exam sessions: flow, time limit and grace")
struct ExamSessionTests {
    static func events(_ text: String) throws -> [ExamEvent] { try ExamFixtures.transcript(text).events.map(\.event) }

    static func timed(_ extra: String = "") throws -> LoadedExamSpec {
        try ExamFixtures.spec("""
            id: timed
            title: Timed
            scenarios: [mini]
            quiz: {items: [q1, q2]}
            time_limit: 10
            pass_mark: 50
            """ + extra)
    }

    @Test func headerRecordsWhatGradingNeeds() throws {
        let spec = try Self.timed()
        let (_, text, _) = try ExamFixtures.take(spec, trainee: "Ann", steps: [])
        let header = try ExamFixtures.transcript(text).header
        #expect(header.exam == "timed")
        #expect(header.specHash == spec.hash)
        #expect(header.contentVersion == (try ExamFixtures.library()).contentVersion)
        #expect(header.programVersion == "test")
        #expect(header.trainee == "Ann")
        #expect(header.attempt == 1)
        #expect(header.started == "2026-01-01T00:00:00.000Z")
        #expect(header.seed == 0)
        #expect(header.timeLimit == 10)
        #expect(header.plan?.map(\.id) == ["q1", "q2", "mini"])
    }

    @Test func noFeedbackUntilTheEndThenTheResult() throws {
        let spec = try Self.timed()
        let clock = ManualExamClock()
        let (session, text, output) = try ExamFixtures.take(
            spec, trainee: "Ann", steps: [(1, "1"), (1, "2"), (1, "1"), (1, "I am sorry, a refund is on its way."), (0, "."), (1, "1")],
            clock: clock)
        let shown = output.map(\.text)
        let submitIndex = try #require(shown.firstIndex(of: "Exam handed in."))
        // Before handing in: never a point, a verdict or a rule.
        for line in shown[..<submitIndex] {
            #expect(!line.contains("points") && !line.contains("Good.") && !line.contains("claims.answer-fast"), "feedback leaked: \(line)")
        }
        #expect(shown.contains("⏱ Time left: 9:00"))
        #expect(shown.contains("Ann (buyer): Hello, Ann here."))
        // After: the score, pass/fail and the rules to review.
        #expect(shown.contains { $0.hasPrefix("Your score: ") })
        #expect(session.result?.item("q1")?.earned == 1)
        #expect(session.result?.item("q2")?.earned == 0)
        let events = try Self.events(text)
        #expect(events.last?.type == .submitted)
        #expect(events.last?.reason == .finished)
        #expect(events.map(\.type).contains(.decision))
        #expect(events.first { $0.type == .reply }?.text == "I am sorry, a refund is on its way.")
    }

    @Test func hintsAreOffUnlessTheSpecAllowsThem() throws {
        let off = try ExamFixtures.take(try Self.timed(), trainee: "Ann", steps: [(0, "1"), (0, "1"), (0, "hint")]).output.map(\.text)
        #expect(off.contains("Hints are off in this exam."))
        let on = try ExamFixtures.take(try Self.timed("\nhints: true"), trainee: "Ann", steps: [(0, "1"), (0, "1"), (0, "hint")])
        #expect(on.output.map(\.text).contains { $0.hasPrefix("Hint: claims.answer-fast") })
        #expect(try Self.events(on.text).contains { $0.type == .hint && $0.rule == "claims.answer-fast" })
    }

    @Test func hiddenResultsStayHidden() throws {
        let output = try ExamFixtures.take(try Self.timed("\nshow_result: false"), trainee: "Ann", steps: [(0, "submit")]).output.map(\.text)
        #expect(output.contains("Your instructor will share the result."))
        #expect(!output.contains { $0.hasPrefix("Your score") })
    }

    @Test func afterTheTimeLimitNoAnswerIsTakenAndTheAttemptIsHandedIn() throws {
        let (session, text, output) = try ExamFixtures.take(try Self.timed(), trainee: "Ann", steps: [(1, "1"), (10, "1")], endInput: false)
        #expect(session.isOver)
        #expect(output.map(\.text).contains("Time is up: that answer came too late and was not recorded."))
        #expect(output.map(\.text).contains("Exam handed in automatically: time is up."))
        let events = try Self.events(text)
        #expect(events.filter { $0.type == .quizAnswer }.map(\.item) == ["q1"], "the late answer to q2 is not recorded")
        #expect(events.last?.reason == .timeUp)
        #expect(try session.input("1").isEmpty, "nothing is taken after the hand-in")
        #expect(session.result?.item("q1")?.earned == 1)
        #expect(session.result?.item("q2")?.answered == false)
    }

    @Test func aReplyBeingTypedWhenTimeRunsOutIsSavedAsItStood() throws {
        // q1, q2 answered; the scenario's first choice leads to the reply; two lines typed, then time is up.
        let steps: [(Double, String)] = [(1, "1"), (1, "1"), (1, "1"), (1, "I am so sorry."), (1, "A refund is coming"), (6, "today.")]
        let (_, text, output) = try ExamFixtures.take(try Self.timed(), trainee: "Ann", steps: steps, endInput: false)
        #expect(output.map(\.text).contains("Your unfinished reply was saved as it stood."))
        let reply = try #require(try Self.events(text).first { $0.type == .reply })
        #expect(reply.text == "I am so sorry.\nA refund is coming", "the line typed after the limit is not part of it")
        #expect(reply.partial == true)
        #expect(try Self.events(text).last?.reason == .timeUp)
    }

    @Test func theGracePeriodLetsTheAnswerOnScreenBeFinishedButShowsNothingNew() throws {
        let spec = try Self.timed("\ngrace: 2")
        let (_, text, output) = try ExamFixtures.take(spec, trainee: "Ann", steps: [(1, "1"), (10, "1")], endInput: false)
        let shown = output.map(\.text)
        #expect(shown.contains { $0.hasPrefix("Time is up. You have 1:00 to finish") })
        #expect(shown.contains("Time is up: your exam is handed in with that answer."))
        let events = try Self.events(text)
        #expect(events.filter { $0.type == .quizAnswer }.map(\.item) == ["q1", "q2"], "the answer finished in the grace period counts")
        #expect(!events.contains { $0.type == .item && $0.item == "mini" }, "no new item after time is up")
        #expect(events.last?.reason == .timeUp)
    }

    @Test func whenTheGracePeriodAlsoRunsOutTheAnswerIsRefused() throws {
        let spec = try Self.timed("\ngrace: 2")
        let (_, text, _) = try ExamFixtures.take(spec, trainee: "Ann", steps: [(1, "1"), (12.5, "1")], endInput: false)
        let events = try Self.events(text)
        #expect(events.filter { $0.type == .quizAnswer }.map(\.item) == ["q1"])
        #expect(events.last?.reason == .graceExpired)
    }

    @Test func endOfInputHandsInWhatThereIs() throws {
        let (_, text, output) = try ExamFixtures.take(try Self.timed(), trainee: "Ann", steps: [(1, "1")])
        #expect(output.map(\.text).contains("The input ended: the exam was handed in with the answers given so far."))
        #expect(try Self.events(text).last?.reason == .inputEnded)
    }

    @Test func invalidInputIsAskedAgainNotRecorded() throws {
        let (_, text, output) = try ExamFixtures.take(try Self.timed(), trainee: "Ann", steps: [(0, "7"), (0, "abc"), (0, ""), (0, "time")])
        #expect(output.map(\.text).contains("Type the number of an option, 1 to 2."))
        #expect(output.map(\.text).contains("⏱ Time left: 10:00"))
        #expect(try Self.events(text).filter { $0.type == .quizAnswer }.isEmpty)
    }

    @Test func aBadTraineeNameIsRefused() throws {
        #expect(throws: ExamSession.StartError.badTrainee) {
            try ExamSession(spec: try Self.timed(), environment: try ExamFixtures.environment(), trainee: "  \u{1B}[31m ",
                            attempt: 1, clock: ManualExamClock(), sink: MemoryLogSink(), specPath: "x")
        }
    }

    @Test func chineseInterfaceComesFromTheStrings() throws {
        let environment = try ExamFixtures.environment(language: .zh)
        let output = try ExamFixtures.take(try Self.timed(), trainee: "王芳", steps: [(0, "submit")], environment: environment).output.map(\.text)
        #expect(output.contains("已交卷。"))
        #expect(output.contains { $0.hasPrefix("学员：王芳") })
    }
}

@Suite("Exam sessions: clock")
struct ExamSessionClockTests {
    @Test func aWallClockSetBackDoesNotMakeTimeGoBackwards() throws {
        let spec = try ExamFixtures.spec(ExamFixtures.quizSpec)
        let clock = ManualExamClock()
        let (_, text, _) = try ExamFixtures.take(spec, trainee: "Ann", steps: [(2, "1"), (-1, "1"), (1, "1")], clock: clock)
        let times = try ExamFixtures.transcript(text).events.map(\.event.t)
        #expect(times == times.sorted())
        let graded = ExamGrader(spec: spec, environment: try ExamFixtures.environment()).grade(try ExamFixtures.transcript(text))
        #expect(!graded.flags.contains { $0.code == .timeBackwards })
    }
}
