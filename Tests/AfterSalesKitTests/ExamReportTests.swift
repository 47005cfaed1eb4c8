import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Exam class report: item analysis, CSV, HTML")
struct ExamReportTests {
    /// Five trainees, five one-point quiz items (1 = right):
    ///
    ///     trainee  q1 q2 q3 q4 q5  total  percent
    ///     A         1  1  1  1  1    5     100
    ///     B         1  1  1  0  1    4      80
    ///     C         1  1  0  0  1    3      60
    ///     D         1  0  0  1  1    3      60
    ///     E         0  0  0  0  1    1      20
    ///
    /// Facility = column mean: q1 4/5 = 0.8, q2 3/5 = 0.6, q3 2/5 = 0.4, q4 2/5 = 0.4, q5 5/5 = 1.
    ///
    /// Discrimination = Pearson r of the item column x with the rest of the test y = total − x (r does not
    /// change when y is scaled to a share, nor when q5's constant 1 is added to everyone's rest):
    ///   q1: x = 1 1 1 1 0, y (without q5) = 3 2 1 1 0; means 4/5, 7/5; deviations ×5: x 1 1 1 1 −4, y 8 3 −2 −2 −7
    ///       Sxy = (8+3−2−2+28)/25 = 35/25, Sxx = (1+1+1+1+16)/25 = 20/25, Syy = (64+9+4+4+49)/25 = 130/25
    ///       r = 35 / √(20·130) = 35/√2600 = 0.68641
    ///   q2: x = 1 1 1 0 0, y = 3 2 1 2 0; deviations ×5: x 2 2 2 −3 −3, y 7 2 −3 2 −8
    ///       Sxy = 14+4−6−6+24 = 30, Sxx = 30, Syy = 49+4+9+4+64 = 130 (all /25);  r = 30/√(30·130) = 0.48038
    ///   q3: x = 1 1 0 0 0, y = 3 2 2 2 0; deviations ×5: x 3 3 −2 −2 −2, y 6 1 1 1 −9
    ///       Sxy = 18+3−2−2+18 = 35, Sxx = 30, Syy = 36+1+1+1+81 = 120;  r = 35/√3600 = 35/60 = 0.58333
    ///   q4: x = 1 0 0 1 0, y = 3 3 2 1 0; deviations ×5: x 3 −2 −2 3 −2, y 6 6 1 −4 −9
    ///       Sxy = 18−12−2−12+18 = 10, Sxx = 30, Syy = 36+36+1+16+81 = 170;  r = 10/√5100 = 0.14003 → weak (< 0.2)
    ///   q5: everyone right: no spread, r undefined; facility 1 > 0.95 → too easy.
    ///
    /// Class: histogram bins 20–29: 1, 60–69: 2, 80–89: 1, 90–100: 1; mean (100+80+60+60+20)/5 = 64; median 60;
    /// pass mark 60 → 4 pass. Rules: q1 (claims.answer-fast) missed by E only → 1 of 5; q3 and q4 both test
    /// claims.no-blame: missed by B (q4), C (q3, q4), D (q3), E (q3, q4) → 4 of 5 = 80 % → "nearly everyone".
    static let patterns = [("A", "11111"), ("B", "11101"), ("C", "11001"), ("D", "10011"), ("E", "00001")]

    static func handClass() throws -> (ClassReport, LoadedExamSpec) {
        let spec = try ExamFixtures.spec(ExamFixtures.quizSpec)
        let texts = try patterns.map { name, pattern in
            (name: "\(name).jsonl", text: try ExamFixtures.take(spec, trainee: name, steps: ExamGradingTests.answers(pattern)).text)
        }
        let (result, _) = try ExamGradingTests.gradeFiles(texts, spec: spec)
        return (ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment()), spec)
    }

    @Test func facilityAndDiscriminationMatchTheHandComputation() throws {
        let (report, _) = try Self.handClass()
        let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.id, $0) })
        #expect(items.count == 5)
        #expect(items["q1"]?.facility == 0.8)
        #expect(items["q2"]?.facility == 0.6)
        #expect(items["q3"]?.facility == 0.4)
        #expect(items["q4"]?.facility == 0.4)
        #expect(items["q5"]?.facility == 1)
        #expect(items["q1"]?.discrimination == 0.6864)
        #expect(items["q2"]?.discrimination == 0.4804)
        #expect(items["q3"]?.discrimination == 0.5833)
        #expect(items["q4"]?.discrimination == 0.14)
        #expect(items["q5"]?.discrimination == nil)
        #expect(items["q1"]?.flags == [])
        #expect(items["q4"]?.flags == [.weak])
        #expect(items["q5"]?.flags == [.tooEasy, .noSpread])
        #expect(items.values.allSatisfy { $0.count == 5 })
    }

    @Test func classStatisticsAndRuleRanking() throws {
        let (report, _) = try Self.handClass()
        #expect(report.trainees.map(\.name) == ["A", "B", "C", "D", "E"])
        #expect(report.trainees.map(\.percent) == [100, 80, 60, 60, 20])
        #expect(report.statistics.histogram == [0, 0, 1, 0, 0, 0, 2, 0, 1, 1])
        #expect(report.statistics.mean == 64)
        #expect(report.statistics.median == 60)
        #expect(report.statistics.passed == 4)
        #expect(report.statistics.topicMeans == ["claims": 60, "apology": 70])
        #expect(report.rules.map(\.rule) == ["claims.no-blame", "claims.answer-fast"])
        #expect(report.rules[0].trainees == 4 && report.rules[0].share == 0.8 && report.rules[0].nearlyEveryone)
        #expect(report.rules[1].trainees == 1 && !report.rules[1].nearlyEveryone)
        #expect(report.rules[0].examples.first == ClassReport.RuleExample(trainee: "B", item: "q4", source: .quiz, evidence: "2. wrong"))
    }

    @Test func flagThresholdsFollowMoodlesAdvice() {
        #expect(ItemStatistics.flags(facility: 0.1, discrimination: 0.5, count: 10) == [.tooHard])
        #expect(ItemStatistics.flags(facility: 0.5, discrimination: -0.3, count: 10) == [.negative])
        #expect(ItemStatistics.flags(facility: 0.5, discrimination: 0.19, count: 10) == [.weak])
        #expect(ItemStatistics.flags(facility: 0.5, discrimination: 0.2, count: 10) == [])
        #expect(ItemStatistics.flags(facility: 0.96, discrimination: 0.5, count: 2) == [.tooEasy, .fewAnswers])
        #expect(ItemStatistics.pearson([1, 2, 3], [2, 4, 6]) == 1)
        #expect(ItemStatistics.pearson([1, 2, 3], [3, 2, 1]) == -1)
        #expect(ItemStatistics.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test func decisionPointsShowTheChoiceDistribution() throws {
        let spec = try ExamFixtures.spec("id: d\ntitle: D\nscenarios: [mini]\nquiz: {items: [q1]}\npass_mark: 50\n")
        var texts: [(name: String, text: String)] = []
        // Each answers q1, then picks a choice at "open": 1 (reply now, +30), 1, 3 (wait, 0), 2 (blame, −20, back to open).
        for (name, steps) in [("A", ["1", "1", "Sorry, refund.", "."]), ("B", ["1", "1", "sorry", "."]), ("C", ["2", "3"]), ("D", ["2", "2"])] {
            texts.append((name: "\(name).jsonl", text: try ExamFixtures.take(spec, trainee: name, steps: steps.map { (1, $0) }).text))
        }
        let (result, _) = try ExamGradingTests.gradeFiles(texts, spec: spec)
        let report = ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment())
        let open = try #require(report.decisions.first { $0.node == "open" })
        #expect(open.count == 4)
        #expect(open.choices.map(\.text) == ["Reply now", "Blame", "Wait"])
        #expect(open.choices.map(\.count) == [2, 1, 1])
        #expect(open.choices.map(\.share) == [1, 0, 0.4])
        #expect(open.discrimination != nil)
        #expect((open.discrimination ?? 0) > 0.5, "the trainees who chose well also did well on the rest")
    }

    @Test func csvIsRFC4180WithBOMAndDefusesFormulas() throws {
        #expect(ClassReportCSV.field("plain") == "plain")
        #expect(ClassReportCSV.field("a,b") == "\"a,b\"")
        #expect(ClassReportCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ClassReportCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(ClassReportCSV.text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(ClassReportCSV.text("-5") == "'-5")
        #expect(ClassReportCSV.text("王芳") == "王芳")

        let spec = try ExamFixtures.spec(ExamFixtures.quizSpec)
        let names = ["Lee, Ann", "王芳", "=cmd|' /C calc'!A0", "Bo \"The Boss\""]
        let texts = try names.enumerated().map { index, name in
            (name: "\(index).jsonl", text: try ExamFixtures.take(spec, trainee: name, steps: ExamGradingTests.answers("11100")).text)
        }
        let (result, _) = try ExamGradingTests.gradeFiles(texts, spec: spec)
        let report = ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment())
        let csv = ClassReportCSV(report: report, strings: try ExamFixtures.strings()).render()
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.last == "", "every record ends with CRLF")
        #expect(lines[0] == "Trainee,Score %,Result,Apology letters,A-to-z claims,Time used (min),Attempts,q1,q2,q3,q4,q5,Flags")
        #expect(lines.contains("\"Bo \"\"The Boss\"\"\",60,pass,0,100,5,1/1,1,1,1,0,0,"))
        #expect(lines.contains("\"Lee, Ann\",60,pass,0,100,5,1/1,1,1,1,0,0,"))
        #expect(lines.contains("王芳,60,pass,0,100,5,1/1,1,1,1,0,0,"))
        #expect(lines.contains("'=cmd|' /C calc'!A0,60,pass,0,100,5,1/1,1,1,1,0,0,"))
    }

    @Test func htmlEscapesEverythingAndHighlightsEvidence() throws {
        let spec = try ExamFixtures.spec("id: h\ntitle: H\nscenarios: [mini]\nquiz: {items: [q1]}\npass_mark: 50\n")
        let evil = "<script>alert('x')</script>"
        let reply = "Sorry & <b>not</b> your fault – refund \u{1B}[31m"
        let texts = try [(evil, ["1", "1", reply, "."]), ("Ann", ["2", "1", "sorry, refund", "."]), ("Bo", ["1", "3", "sorry", "."])]
            .enumerated().map { index, entry in
                (name: "\(index).jsonl", text: try ExamFixtures.take(spec, trainee: entry.0, steps: entry.1.map { (1, $0) }).text)
            }
        let (result, _) = try ExamGradingTests.gradeFiles(texts, spec: spec)
        let report = ClassReport.build(result, spec: spec, environment: try ExamFixtures.environment())
        let html = ClassReportHTML(report: report, strings: try ExamFixtures.strings()).render()
        #expect(!html.contains("<script"), "no script element, from the program or from a transcript")
        #expect(!html.contains("<b>not</b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("\u{1B}"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing to fetch")
        #expect(html.contains("id=\"histogram-chart\"") && html.contains("id=\"topic-chart\"") && html.contains("id=\"rule-chart\""))
        #expect(html.components(separatedBy: "<details class=\"trainee\"").count == 4)
        // Evidence: "Sorry" and "refund" met (good), "your fault" a violation (bad).
        #expect(html.contains("<mark class=\"good\" title=\"sorry\">Sorry</mark> &amp; &lt;b&gt;not&lt;/b&gt; <mark class=\"bad\" title=\"blame_buyer\">your fault</mark>"))
        #expect(html.contains("<mark class=\"good\" title=\"refund\">refund</mark>"))
    }

    @Test func highlightingSurvivesOverlapsAndOffsetsOutOfRange() {
        let grade = GradeReport(rubric: "r", score: 0, verdict: .bad,
                                criteria: [CriterionResult(id: "c", met: true, rule: "", weight: 1, evidence: [Evidence(start: 0, end: 6, text: "")])],
                                violations: [ViolationResult(id: "v", rule: "", critical: false, penalty: 1,
                                                             evidence: [Evidence(start: 4, end: 99, text: ""), Evidence(start: -3, end: 1, text: "")])])
        #expect(ClassReportHTML.highlight("ab<de\"g", grade)
                == "<mark class=\"bad\" title=\"v\">a</mark><mark class=\"good\" title=\"c\">b&lt;d</mark><mark class=\"bad\" title=\"v\">e&quot;g</mark>")
    }

    @Test func jsonIsStableAndComplete() throws {
        let (report, _) = try Self.handClass()
        let json = try report.json()
        let decoded = try JSONDecoder().decode(ClassReport.self, from: Data(json.utf8))
        #expect(decoded.trainees.count == 5)
        #expect(try decoded.json() == json)
    }
}
