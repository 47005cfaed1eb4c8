import Foundation

/// The question bank read from `Content/quiz/`: `vocabulary.yaml` (topics, units, violation ids, answer words)
/// and one file per topic holding `items:`. Loading never stops at the first problem: every broken file or
/// item becomes a diagnostic, and the items that are valid are still playable.
public struct QuizBank: Sendable {
    public static let folder = "Content/quiz"
    public static let vocabularyFile = "vocabulary.yaml"

    public var vocabulary: QuizVocabulary
    /// Every item that decoded, with its position, in file order (files sorted by name).
    public var items: [Located<QuizItem>]
    /// The items that passed the linter.
    public var questions: [QuizQuestion]
    public var diagnostics: [Diagnostic]
    /// Relative path → SHA-256 of every file read.
    public var fileHashes: [String: String]

    public init(vocabulary: QuizVocabulary, items: [Located<QuizItem>], questions: [QuizQuestion],
                diagnostics: [Diagnostic], fileHashes: [String: String] = [:]) {
        self.vocabulary = vocabulary
        self.items = items
        self.questions = questions
        self.diagnostics = diagnostics
        self.fileHashes = fileHashes
    }

    /// Reads and lints the bank under `root` (the folder holding `Content/`), checking rule ids against `ruleIDs`
    /// (nil: no rules are defined yet, so rule ids are not checked).
    public static func load(root: URL, ruleIDs: Set<String>?) -> QuizBank {
        let loader = ContentLoader(root: root)
        var scratch = ContentLibrary(root: root)
        var diagnostics: [Diagnostic] = []
        var vocabulary = QuizVocabulary.empty
        var items: [Located<QuizItem>] = []
        let files = loader.yamlFiles(in: folder)
        let vocabularyURL = files.first { $0.lastPathComponent == vocabularyFile }
        if let vocabularyURL {
            do {
                let document = try loader.read(vocabularyURL, into: &scratch)
                vocabulary = try document.decode(QuizVocabulary.self)
            } catch {
                diagnostics.append(error)
            }
        } else if !files.isEmpty {
            diagnostics.append(Diagnostic(file: "\(folder)/\(vocabularyFile)", line: 1, column: 1, code: .unreadableFile,
                                          message: "missing: the quiz needs its vocabulary (topics, units, violation ids, answer words)"))
        }
        for file in files where file != vocabularyURL {
            let document: YAMLDocument
            do {
                document = try loader.read(file, into: &scratch)
            } catch {
                diagnostics.append(error)
                continue
            }
            let (decoded, problems) = decodeItems(document)
            items += decoded
            diagnostics += problems
        }
        let linted = QuizLinter(ruleIDs: ruleIDs, vocabulary: vocabulary).lint(items)
        return QuizBank(vocabulary: vocabulary, items: items, questions: linted.questions,
                        diagnostics: diagnostics + linted.diagnostics, fileHashes: scratch.fileHashes)
    }

    /// Decodes each entry of `items:` on its own, so one bad item does not hide the others.
    public static func decodeItems(_ document: YAMLDocument) -> ([Located<QuizItem>], [Diagnostic]) {
        guard let list = document.node(at: [.key("items")])?.sequence else {
            return ([], [document.diagnostic(at: [.key("items")], code: .wrongType, "a quiz file holds a list under items:")])
        }
        var items: [Located<QuizItem>] = []
        var problems: [Diagnostic] = []
        for index in 0..<list.count {
            let path: [PathStep] = [.key("items"), .index(index)]
            do {
                let item = try document.decode(QuizItem.self, at: path)
                items.append(Located(value: item, document: document, path: path))
            } catch {
                problems.append(error)
            }
        }
        return (items, problems)
    }

    /// Rules (in the given order) that no valid question tests.
    public func untestedRules(_ ruleOrder: [String]) -> [String] {
        QuizLinter.untestedRules(ruleOrder, questions: questions)
    }

    public func question(_ id: String) -> QuizQuestion? { questions.first { $0.id == id } }
}
