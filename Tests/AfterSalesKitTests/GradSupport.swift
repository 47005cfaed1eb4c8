import Foundation

@testable import AfterSalesKit

/// Shared, loaded-once grading content for the grader tests (compiling lexicons is the slow part).
enum GradSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let loaded: (GradingContent, [Diagnostic]) = {
        let rules = (try? ContentLoader(root: root).load()).map { Set($0.rules.keys) }
        return GradingContent.load(root: root, knownRules: rules)
    }()

    static let library: ContentLibrary? = try? ContentLoader(root: root).load()

    static var content: GradingContent { loaded.0 }

    static let grader: Grader = {
        if let library { return Grader(content: loaded.0, library: library) }
        return Grader(content: loaded.0, strings: [:])
    }()

    static func grade(_ text: String, _ rubric: String = "apology-letter", vars: [String: String] = [:],
                      context: [String: String] = [:], language: Language = .en) -> GradeReport {
        grader.grade(text, rubric: rubric, variables: vars, context: context, language: language)
    }

    /// The ids of the violations a reply fires: what most guard and phrase-family tests assert on.
    static func fired(_ text: String, _ rubric: String = "apology-letter", context: [String: String] = [:]) -> Set<String> {
        Set(grade(text, rubric, context: context).violations.map(\.id))
    }

    static func matches(_ text: String) -> MatchSet { MatchSet(reply: text, lexicon: content.lexicon) }

    static func live(_ text: String, _ concept: String) -> [String] { matches(text).liveTexts(concept, lexicon: content.lexicon) }

    static var corpusURL: URL { root.appendingPathComponent("Tests/AfterSalesKitTests/Fixtures/grader-corpus.jsonl") }
}
