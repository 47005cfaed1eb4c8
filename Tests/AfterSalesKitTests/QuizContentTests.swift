import Foundation
import Testing

@testable import AfterSalesKit

/// The real question bank in `Content/quiz/`: it must lint clean, be big enough, cover every type and topic,
/// and test every rule.
///
/// Rule ids come from `Content/rules.yaml` when it exists; otherwise from the file named by
/// `AFTERSALES_RULE_IDS` (a list with one rule id at the start of each line, such as the team's rule-ids notes);
/// with neither, the rule checks are skipped and the test records why.
@Suite("Quiz content")
struct QuizContentTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Rule ids in order, and where they came from; nil when no source is available.
    static func ruleIDs() -> (ids: [String], origin: String)? {
        let rulesFile = packageRoot.appendingPathComponent("Content/rules.yaml")
        if FileManager.default.fileExists(atPath: rulesFile.path),
            let text = try? String(contentsOf: rulesFile, encoding: .utf8),
            let document = try? YAMLDocument(file: "Content/rules.yaml", text: text),
            let rules = document.node(at: [.key("rules")])?.sequence
        {
            let ids = rules.compactMap { $0.mapping?["id"]?.string }
            if !ids.isEmpty { return (ids, "Content/rules.yaml") }
        }
        if let path = ProcessInfo.processInfo.environment["AFTERSALES_RULE_IDS"],
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        {
            let ids = text.split(separator: "\n").compactMap { line -> String? in
                guard let first = line.split(separator: " ").first, first.contains("."),
                    first.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
                return String(first)
            }
            if !ids.isEmpty { return (ids, path) }
        }
        return nil
    }

    static func bank(_ ruleIDs: Set<String>?) -> QuizBank {
        QuizBank.load(root: packageRoot, ruleIDs: ruleIDs)
    }

    @Test(.enabled(if: QuizContentTests.ruleIDs() != nil,
                   "rule checks skipped: no Content/rules.yaml yet and AFTERSALES_RULE_IDS is not set"))
    func bankLintsCleanAndCoversEveryRule() throws {
        let (ids, origin) = try #require(Self.ruleIDs())
        let bank = Self.bank(Set(ids))
        #expect(bank.diagnostics.isEmpty, "quiz content problems (rules from \(origin)):\n\(bank.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(bank.questions.count == bank.items.count)
        let untested = bank.untestedRules(ids)
        #expect(untested.isEmpty, "rules with no quiz item: \(untested.joined(separator: ", "))")
    }

    @Test func bankIsLargeAndVaried() {
        // Everything but rule ids is checked here, so this runs even where no rule list is available.
        let bank = QuizBank.load(root: Self.packageRoot, ruleIDs: nil)
        #expect(bank.diagnostics.isEmpty, "\(bank.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(bank.questions.count >= 80, "at least 80 items; have \(bank.questions.count)")
        for kind in QuizKind.allCases {
            let count = bank.questions.filter { $0.kind == kind }.count
            #expect(count >= 6, "type \(kind.rawValue) has only \(count) items")
        }
        for topic in bank.vocabulary.topics {
            let count = bank.questions.filter { $0.topic == topic }.count
            #expect(count >= 10, "topic \(topic) has only \(count) items")
        }
        // The guide's outdated points are taught with what changed.
        #expect(bank.questions.filter { $0.changed != nil }.count >= 10)
    }
}
