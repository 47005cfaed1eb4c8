import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Grader output")
struct GradOutputTests {
    let report = GradSupport.grade("Hi Dana, I'm so sorry. If you had read the listing… I'll refund you today; reply to this message.",
                                   vars: ["buyer": "Dana"])

    @Test func jsonHasExactlyTheIssuesKeysInOrder() throws {
        let json = GradeOutput.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["rubric", "score", "verdict", "criteria", "violations", "feedback"])
        let order = ["\"rubric\"", "\"score\"", "\"verdict\"", "\"criteria\"", "\"violations\"", "\"feedback\""].map { json.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        let criteria = try #require(object["criteria"] as? [[String: Any]])
        #expect(criteria.allSatisfy { Set($0.keys) == ["id", "met", "rule", "evidence"] })
        let violations = try #require(object["violations"] as? [[String: Any]])
        #expect(violations.allSatisfy { Set($0.keys) == ["id", "rule", "critical", "evidence"] })
        let blame = try #require(violations.first { $0["id"] as? String == "blame_buyer" })
        let evidence = try #require((blame["evidence"] as? [[String: Any]])?.first)
        #expect(Set(evidence.keys) == ["start", "end", "text"])
        #expect(object["verdict"] as? String == "bad")
        #expect(!json.contains("\n"))
    }

    @Test func evidenceOffsetsQuoteTheOriginal() {
        let text = "Hi Dana, I'm so sorry. If you had read the listing… I'll refund you today; reply to this message."
        let scalars = Array(text.unicodeScalars)
        for evidence in report.criteria.flatMap(\.evidence) + report.violations.flatMap(\.evidence) {
            #expect(String(String.UnicodeScalarView(scalars[evidence.start..<evidence.end])) == evidence.text)
        }
    }

    @Test func humanOutputNamesRulesEvidenceAndFixesInBothLanguages() throws {
        let library = try #require(GradSupport.library)
        let en = GradeOutput.human(report, language: .en, strings: library.strings(for: .en), rules: library.rules)
        #expect(en.contains("Score:") && en.contains("apology.no-blame") && en.contains("If you had read") && en.contains("→"))
        let zhReport = GradSupport.grade("Hi Dana, I'm so sorry. If you had read the listing… I'll refund you today; reply to this message.",
                                         vars: ["buyer": "Dana"], language: .zh)
        let zh = GradeOutput.human(zhReport, language: .zh, strings: library.strings(for: .zh), rules: library.rules)
        #expect(zh.contains("得分") && zh.contains("指责"))
        #expect(zhReport.feedback.first?.contains("必须修改") == true)
    }

    @Test func everyFeedbackStringExistsInBothLanguages() throws {
        let library = try #require(GradSupport.library)
        let ids = GradSupport.content.rubrics.values.flatMap { $0.criteria.map { "grade.criterion.\($0.id)" } + $0.violations.map { "grade.violation.\($0.id)" } }
        for language in Language.allCases {
            let entries = library.strings[language] ?? [:]
            for key in Set(ids) { #expect(entries[key] != nil, "\(key) missing in \(language)") }
        }
        let en = Set((library.strings[.en] ?? [:]).keys.filter { $0.hasPrefix("grade.") })
        let zh = Set((library.strings[.zh] ?? [:]).keys.filter { $0.hasPrefix("grade.") })
        #expect(en == zh)
    }

    @Test func comparisonShowsBothRepliesAndTheirRules() throws {
        let library = try #require(GradSupport.library)
        let model = "Hi Dana, I'm sorry the blender arrived cracked; that's on us. A replacement ships today. Reply to this message with questions."
        let modelReport = GradSupport.grade(model, vars: ["buyer": "Dana"])
        let text = GradeOutput.comparison(trainee: report, traineeText: "mine", model: modelReport, modelText: model,
                                          strings: library.strings(for: .en))
        #expect(text.contains("✗ apology.no-blame") && text.contains("✓ apology.sincere-apology") && text.contains("│"))
    }
}
