import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Exam specs: loading and lint")
struct ExamSpecTests {
    /// Loads spec text; returns the spec (if any) and every diagnostic from loading and linting.
    static func check(_ yaml: String, quiz: ExamQuizBank? = FakeQuizBank()) throws -> (ExamSpec?, [Diagnostic]) {
        let url = ExamFixtures.temporaryFolder().appendingPathComponent("exam.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        let (loaded, problems) = ExamSpecLoader.load(url, shownPath: "exams/exam.yaml")
        guard let loaded else { return (nil, problems) }
        return (loaded.spec, problems + ExamSpecLinter(library: try ExamFixtures.library(), quiz: quiz).lint(loaded))
    }

    @Test func aCompleteSpecLoadsWithEverySetting() throws {
        let (spec, problems) = try Self.check("""
            id: week-1
            title: {en: Week one, zh: 第一周}
            scenarios: [mini]
            quiz:
              items: [q1]
              draw: [{topic: returns, count: 2}]
              points: 2
            seed: 42
            shuffle: true
            time_limit: 30
            grace: 2.5
            pass_mark: 70
            hints: true
            show_result: false
            attempts: 3
            grading: average
            """)
        #expect(problems.isEmpty)
        let value = try #require(spec)
        #expect(value.id == "week-1")
        #expect(value.title.zh == "第一周")
        #expect(value.scenarios == [ExamSpec.ScenarioRef(id: "mini", points: 10)])
        #expect(value.quizItems == ["q1"])
        #expect(value.quizDraws == [ExamSpec.QuizDraw(topic: "returns", count: 2)])
        #expect(value.quizPoints == 2)
        #expect(value.seed == 42)
        #expect(value.shuffle)
        #expect(value.timeLimit == 30)
        #expect(value.grace == 2.5)
        #expect(value.passMark == 70)
        #expect(value.hints)
        #expect(!value.showResult)
        #expect(value.attempts == 3)
        #expect(value.grading == .average)
    }

    @Test func defaultsAreHintsOffOneAttemptHighestResultShown() throws {
        let (spec, problems) = try Self.check("id: x\ntitle: X\nscenarios: [mini]\npass_mark: 50\n")
        #expect(problems.isEmpty)
        let value = try #require(spec)
        #expect(!value.hints)
        #expect(value.attempts == 1)
        #expect(value.grading == .highest)
        #expect(value.showResult)
        #expect(value.timeLimit == nil)
        #expect(!value.shuffle)
        let (unlimited, _) = try Self.check("id: x\ntitle: X\nscenarios: [mini]\npass_mark: 50\nattempts: unlimited\n")
        #expect(unlimited?.attempts == nil)
    }

    @Test func structuralProblemsComeWithFileLineAndColumn() throws {
        let (spec, problems) = try Self.check("""
            id: week-1
            title: Week one
            scenarios: [mini]
            pass_mark: 150
            time_limt: 30
            grace: 2
            attempts: 0
            grading: avg
            """)
        #expect(spec == nil)
        let shown = problems.map(\.description)
        #expect(shown.contains("exams/exam.yaml:4:12: error: AS0019 pass_mark 150 is out of range: it is a percentage, 0–100"))
        #expect(shown.contains("exams/exam.yaml:5:1: error: AS0019 unknown key 'time_limt' (did you mean 'time_limit'?)"))
        #expect(shown.contains("exams/exam.yaml:6:8: error: AS0019 a grace period needs a time_limit"))
        #expect(shown.contains("exams/exam.yaml:7:11: error: AS0019 attempts must be 1 or more (or 'unlimited')"))
        #expect(shown.contains("exams/exam.yaml:8:10: error: AS0019 unknown grading method 'avg'; use highest, average, first or last"))
        #expect(problems.count == 5)
    }

    @Test func wrongTypesAndMissingKeysArePositioned() throws {
        let (_, problems) = try Self.check("""
            id: Week One
            scenarios: mini
            pass_mark: "sixty"
            quiz:
              draw:
                - {topic: claims}
            """)
        let shown = problems.map(\.description)
        #expect(shown.contains("exams/exam.yaml:1:5: error: AS0019 exam id 'Week One' must be lowercase letters, digits and dashes"))
        #expect(shown.contains("exams/exam.yaml:1:1: error: AS0002 missing key 'title'"))
        #expect(shown.contains("exams/exam.yaml:2:12: error: AS0002 scenarios must be a list of scenario ids"))
        #expect(shown.contains("exams/exam.yaml:3:12: error: AS0002 pass_mark must be a number"))
        #expect(shown.contains("exams/exam.yaml:6:7: error: AS0002 missing key 'count'"))
    }

    @Test func yamlSyntaxErrorsArePositioned() throws {
        let (spec, problems) = try Self.check("id: x\ntitle: [unclosed\npass_mark: 1\n")
        #expect(spec == nil)
        #expect(problems.first?.code == .yamlSyntax)
        #expect(problems.first?.file == "exams/exam.yaml")
        #expect((problems.first?.line ?? 0) >= 2)
    }

    @Test func referencesAreCheckedAgainstContentAndQuiz() throws {
        let (spec, problems) = try Self.check("""
            id: refs
            title: Refs
            scenarios:
              - mini
              - minii
              - mini
            quiz:
              items: [q1, q99, q1]
              draw:
                - {topic: returns, count: 4}
                - {topic: shipping, count: 1}
            pass_mark: 50
            """)
        #expect(spec != nil, "references are the linter's business, the spec itself loads")
        let shown = problems.map(\.description)
        #expect(shown.contains("exams/exam.yaml:5:5: error: AS0017 unknown scenario 'minii' (did you mean 'mini'?)"))
        #expect(shown.contains("exams/exam.yaml:6:5: error: AS0004 scenario 'mini' is listed twice (first at scenarios[0])"))
        #expect(shown.contains("exams/exam.yaml:8:15: error: AS0017 unknown quiz item 'q99'"))
        #expect(shown.contains("exams/exam.yaml:8:20: error: AS0004 quiz item 'q1' is listed twice"))
        #expect(shown.contains("exams/exam.yaml:10:31: error: AS0019 topic 'returns' has 3 items to draw from (after the named ones); the spec draws 4"))
        #expect(shown.contains("exams/exam.yaml:11:15: error: AS0017 unknown quiz topic 'shipping'; topics: apology, claims, returns"))
        #expect(problems.count == 6)
    }

    @Test func withoutQuizContentQuizReferencesAreNotChecked() throws {
        let (_, problems) = try Self.check("id: q\ntitle: Q\nquiz: {items: [anything], draw: [{topic: any, count: 9}]}\npass_mark: 50\n", quiz: nil)
        #expect(problems.isEmpty)
    }

    @Test func emptyExamIsRefused() throws {
        let (spec, problems) = try Self.check("id: empty\ntitle: Empty\npass_mark: 50\n")
        #expect(spec == nil)
        #expect(problems.map(\.message) == ["the exam has no scenarios and no quiz items"])
    }

    @Test func lintReportsStructureAndReferencesTogether() throws {
        let root = ExamFixtures.temporaryFolder()
        let mini = LoaderTests.fixtures.appendingPathComponent("mini")
        try FileManager.default.copyItem(at: mini.appendingPathComponent("Content"), to: root.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: mini.appendingPathComponent("Scenarios"), to: root.appendingPathComponent("Scenarios"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/exams"), withIntermediateDirectories: true)
        try "id: bad\ntitle: Bad\nscenarios: [minii]\npass_mark: 101\n"
            .write(to: root.appendingPathComponent("Content/exams/bad.yaml"), atomically: true, encoding: .utf8)
        let library = try ContentLoader(root: root).load()
        let report = ContentLinter(library: library, context: LintContext(extraDiagnostics: ExamSpecLinter.lintAll(library: library, quiz: nil))).run()
        let shown = report.diagnostics.map(\.description)
        #expect(shown.contains("Content/exams/bad.yaml:3:13: error: AS0017 unknown scenario 'minii' (did you mean 'mini'?)"))
        #expect(shown.contains("Content/exams/bad.yaml:4:12: error: AS0019 pass_mark 101 is out of range: it is a percentage, 0–100"))
        // …while a spec with problems is never handed to a session.
        #expect(ExamSpecLoader.load(root.appendingPathComponent("Content/exams/bad.yaml")).spec == nil)
    }

    @Test func shippedExampleSpecsAreValid() throws {
        let library = try ContentLoader(root: ExamFixtures.packageRoot).load()
        let (specs, problems) = ExamSpecLoader.loadAll(root: ExamFixtures.packageRoot)
        #expect(problems.isEmpty, "\(problems)")
        #expect(specs.count >= 2)
        #expect(ExamSpecLinter.lintAll(library: library, quiz: nil).isEmpty)
    }

    @Test func specHashIsTheFileHash() throws {
        let yaml = "id: h\ntitle: H\nscenarios: [mini]\npass_mark: 50\n"
        let spec = try ExamFixtures.spec(yaml)
        #expect(spec.hash == Hashing.sha256Hex(yaml))
    }

    @Test func planDrawsAreSeededAndShufflePerTraineeIsOptional() throws {
        let library = try ExamFixtures.library()
        let yaml = "id: d\ntitle: D\nscenarios: [mini]\nquiz: {items: [q1, q2, q3, q4, q5], draw: [{topic: returns, count: 2}]}\nseed: 9\npass_mark: 50\n"
        let same = try ExamFixtures.spec(yaml + "shuffle: false\n")
        let a = try ExamPlan.make(spec: same.spec, library: library, quiz: FakeQuizBank(), trainee: "Ann", attempt: 1)
        let b = try ExamPlan.make(spec: same.spec, library: library, quiz: FakeQuizBank(), trainee: "Bo", attempt: 1)
        #expect(a == b, "without shuffle everyone sits the same paper")
        #expect(a.items.map(\.kind) == [.quiz, .quiz, .quiz, .quiz, .quiz, .quiz, .quiz, .scenario])
        #expect(Set(a.items.dropFirst(5).prefix(2).map(\.id)).isSubset(of: ["q6", "q7", "q8"]))

        let shuffled = try ExamFixtures.spec(yaml + "shuffle: true\n")
        let orders = try ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"].map {
            try ExamPlan.make(spec: shuffled.spec, library: library, quiz: FakeQuizBank(), trainee: $0, attempt: 1).items.map(\.id)
        }
        #expect(Set(orders).count > 1, "shuffle gives trainees different papers")
        let again = try ExamPlan.make(spec: shuffled.spec, library: library, quiz: FakeQuizBank(), trainee: "ann ", attempt: 1).items.map(\.id)
        #expect(again == orders[0], "the same trainee (name case and spacing aside) gets the same paper again")
    }
}
