import Foundation
import Testing

@testable import AfterSalesKit

/// Hostile and odd input never crashes the grader: it is graded or refused with a clear message.
@Suite("Grader robustness and determinism")
struct GradRobustnessTests {
    let grader = GradSupport.grader

    @Test(arguments: ["", "   ", "\n\t  \n", "\u{1B}[31m\u{1B}[0m", "\u{0}\u{0}"])
    func emptyInputIsRefusedWithAMessage(_ text: String) {
        let report = grader.grade(text, rubric: "apology-letter", variables: [:], context: [:], language: .en)
        #expect(report.refused)
        #expect(report.verdict == .bad && report.score == 0)
        #expect(report.feedback.first?.contains("empty") == true)
    }

    @Test func unknownRubricIsRefused() {
        let report = grader.grade("Sorry!", rubric: "no-such-rubric", variables: [:], context: [:], language: .zh)
        #expect(report.refused)
        #expect(report.feedback.first?.contains("no-such-rubric") == true)
    }

    @Test func oneMegabyteIsGradedAndMoreIsRefused() {
        let sentence = "I'm sorry your blender arrived cracked; I've issued a refund today, reply to this message. "
        let big = String(repeating: sentence, count: Grader.maxBytes / sentence.utf8.count)
        #expect(big.utf8.count <= Grader.maxBytes)
        let report = grader.grade(big, rubric: "apology-letter", variables: [:], context: [:], language: .en)
        #expect(!report.refused && report.met("apology") && report.met("concrete_solution"))
        let tooBig = big + String(repeating: "x", count: 200)
        let refused = grader.grade(tooBig, rubric: "apology-letter", variables: [:], context: [:], language: .en)
        #expect(refused.refused && refused.feedback.first?.contains("\(Grader.maxBytes)") == true)
    }

    @Test func invalidUTF8IsRepairedAndNoted() {
        var data = Data("I'm sorry, ".utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0x00])
        data.append(Data(" I'll refund you today. Reply to this message.".utf8))
        let report = grader.grade(data: data, rubric: "apology-letter", language: .en)
        #expect(!report.refused)
        #expect(report.met("apology") && report.met("concrete_solution"))
        #expect(report.feedback.first?.contains("UTF-8") == true)
    }

    @Test func escapeSequencesNeverReachEvidenceOrJSON() {
        let text = "\u{1B}]0;pwned\u{7}I'm \u{1B}[1mso sorry\u{1B}[0m, \u{1B}[2Jrefund today. Call \u{1B}[5m555-123-4567\u{1B}[0m."
        let report = grader.grade(text, rubric: "apology-letter", variables: [:], context: [:], language: .en)
        let quotes = report.criteria.flatMap(\.evidence) + report.violations.flatMap(\.evidence)
        #expect(!quotes.isEmpty)
        for quote in quotes { #expect(!quote.text.unicodeScalars.contains { $0.value == 0x1B || $0.value < 0x20 }) }
        #expect(report.fired("external_contact"))
        let json = GradeOutput.json(report)
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func emojiAndMixedScriptsAreGraded() {
        let report = grader.grade("😀😀 I'm so sorry 🙏 — a replacement ships today ✅. Reply here 👍", rubric: "apology-letter",
                                  variables: [:], context: [:], language: .en)
        #expect(report.met("apology") && report.met("concrete_solution") && report.met("timeline") && report.met("followup_channel"))
        // Evidence offsets count code points of the original.
        let apology = report.criteria.first { $0.id == "apology" }!.evidence.first!
        let scalars = Array("😀😀 I'm so sorry 🙏".unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[apology.start..<apology.end])) == apology.text)
    }

    @Test func chineseOnlyReplyIsWrongLanguage() {
        let report = grader.grade("您好，非常抱歉给您带来不便，我们会尽快为您补发。", rubric: "apology-letter", variables: [:], context: [:], language: .zh)
        #expect(report.fired("wrong_language"))
        #expect(!report.fired("vague_no_action") && !report.fired("no_followup"))
        #expect(report.verdict == .bad)
        // A Chinese greeting inside an English reply is not the wrong language.
        let mixed = grader.grade("您好 Dana! I'm sorry the blender arrived cracked; a replacement ships today. Reply here with questions.",
                                 rubric: "apology-letter", variables: [:], context: [:], language: .en)
        #expect(!mixed.fired("wrong_language"))
    }

    @Test func sameInputSameReportByteForByte() throws {
        let cases = try Evaluation.parse(Data(contentsOf: GradSupport.corpusURL)).prefix(60)
        for item in cases {
            let a = grader.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en)
            let b = grader.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en)
            #expect(a == b)
            #expect(GradeOutput.json(a) == GradeOutput.json(b))
        }
        // A freshly loaded grader gives the same bytes too.
        let (content, _) = GradingContent.load(root: GradSupport.root)
        let other = Grader(content: content, library: GradSupport.library!)
        let item = cases.first!
        #expect(GradeOutput.json(other.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en))
                == GradeOutput.json(grader.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en)))
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededRandom(seed: 42)
        for _ in 0..<300 {
            let count = Int(generator.next() % 400)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let report = grader.grade(data: Data(bytes), rubric: "review-response", language: .en)
            #expect((0...100).contains(report.score))
        }
    }
}
