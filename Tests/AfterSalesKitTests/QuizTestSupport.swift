import Foundation

@testable import AfterSalesKit

/// Shared helpers for the quiz tests: the real vocabulary and strings from `Content/`, and small questions.
enum QuizFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let vocabulary: QuizVocabulary = {
        let url = packageRoot.appendingPathComponent("Content/quiz/vocabulary.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        // A broken vocabulary file must fail the tests loudly, not crash them.
        guard let document = try? YAMLDocument(file: "Content/quiz/vocabulary.yaml", text: text),
            let vocabulary = try? document.decode(QuizVocabulary.self)
        else { return .empty }
        return vocabulary
    }()

    static let english = loadStrings(.en)
    static let chinese = loadStrings(.zh)

    static func strings(_ language: Language) -> StringTable { language == .en ? english : chinese }

    static func loadStrings(_ language: Language) -> StringTable {
        func table(_ language: Language) -> [String: String] {
            let url = packageRoot.appendingPathComponent("Content/strings/\(language.rawValue).yaml")
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let document = try? YAMLDocument(file: url.lastPathComponent, text: text),
                let entries = try? document.decode([String: String].self)
            else { return [:] }
            return entries
        }
        return StringTable(language: language, entries: table(language), fallback: table(language == .en ? .zh : .en))
    }

    static func question(_ id: String, _ body: QuizQuestion.Body, topic: String = "claims", rules: [String] = ["claims.r"]) -> QuizQuestion {
        QuizQuestion(id: id, topic: topic, rules: rules, prompt: Localized(en: "Prompt \(id)?", zh: "问题 \(id)？"),
                     explanation: Localized(en: "Because \(id).", zh: "因为 \(id)。"), source: "test", body: body)
    }

    static func options(_ texts: [(String, String)]) -> [Localized] { texts.map { Localized(en: $0.0, zh: $0.1) } }

    static func unit(_ id: String) -> QuizUnit { vocabulary.unit(id)! }

    /// Loads `text` as a quiz file named `file` and lints it.
    static func lint(_ text: String, file: String = "Content/quiz/test.yaml", rules: Set<String> = ["claims.a", "claims.b"])
        -> (questions: [QuizQuestion], diagnostics: [Diagnostic])
    {
        do {
            let document = try YAMLDocument(file: file, text: text)
            let (items, problems) = QuizBank.decodeItems(document)
            let linted = QuizLinter(ruleIDs: rules, vocabulary: vocabulary).lint(items)
            return (linted.questions, problems + linted.diagnostics)
        } catch {
            return ([], [error])
        }
    }
}
