import Foundation

/// The grader's content: the compiled lexicon (`Content/lexicon/*.yaml`) and rubrics (`Content/rubrics/*.yaml`).
/// Loaded on its own so the content loader needs no change; `ContentLibrary` users pass it to `Grader`.
public struct GradingContent: Sendable {
    public var lexicon: Lexicon
    public var rubrics: [String: Rubric]
    /// Relative path → SHA-256 of every file read, to fold into the content version.
    public var fileHashes: [String: String]

    public init(lexicon: Lexicon, rubrics: [String: Rubric], fileHashes: [String: String] = [:]) {
        self.lexicon = lexicon
        self.rubrics = rubrics
        self.fileHashes = fileHashes
    }

    public var rubricIDs: [String] { rubrics.keys.sorted() }

    /// Reads and compiles everything under `root` (the folder holding `Content/`). Diagnostics carry file:line:column;
    /// what could be compiled is returned even when some files are broken. With `knownRules`, rule ids are checked.
    public static func load(root: URL, knownRules: Set<String>? = nil) -> (GradingContent, [Diagnostic]) {
        let loader = ContentLoader(root: root)
        var problems: [Diagnostic] = []
        var hashes: [String: String] = [:]

        func read(_ url: URL) -> YAMLDocument? {
            let shown = loader.relativePath(url)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "cannot read the file"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "not valid UTF-8"))
                return nil
            }
            hashes[shown] = Hashing.sha256Hex(data)
            do {
                return try YAMLDocument(file: shown, text: text)
            } catch {
                problems.append(error)
                return nil
            }
        }

        var lexiconFiles: [(document: YAMLDocument, file: LexiconFile)] = []
        for url in loader.yamlFiles(in: "Content/lexicon") {
            guard let document = read(url) else { continue }
            do {
                lexiconFiles.append((document, try document.decode(LexiconFile.self)))
            } catch {
                problems.append(error)
            }
        }
        if lexiconFiles.isEmpty {
            problems.append(Diagnostic(file: "Content/lexicon", line: 1, column: 1, code: .unreadableFile,
                                       message: "no lexicon files: the grader needs Content/lexicon/*.yaml"))
        }
        let (lexicon, lexiconProblems) = Lexicon.compile(lexiconFiles)
        problems += lexiconProblems

        var rubrics: [String: Rubric] = [:]
        var where_: [String: String] = [:]
        for url in loader.yamlFiles(in: "Content/rubrics") {
            guard let document = read(url) else { continue }
            let file: RubricFile
            do {
                file = try document.decode(RubricFile.self)
            } catch {
                problems.append(error)
                continue
            }
            if let other = where_[file.id] {
                problems.append(document.diagnostic(at: [.key("id")], code: .duplicateID, "rubric '\(file.id)' is also defined in \(other)"))
                continue
            }
            let (rubric, rubricProblems) = Rubric.compile(file, document: document, lexicon: lexicon, knownRules: knownRules)
            problems += rubricProblems
            if let rubric {
                rubrics[rubric.id] = rubric
                where_[rubric.id] = document.file
            }
        }
        return (GradingContent(lexicon: lexicon, rubrics: rubrics, fileHashes: hashes), problems)
    }

    /// What the content linter needs to check scenarios' references to rubrics and count rules rubrics train.
    public func lintContext(base: LintContext = LintContext(), problems: [Diagnostic] = []) -> LintContext {
        var context = base
        context.rubricIDs = Set(rubrics.keys)
        context.criterionIDs = Set(rubrics.values.flatMap { $0.criteria.map(\.id) })
        context.violationIDs = Set(rubrics.values.flatMap { $0.violations.map(\.id) })
        context.rubricRules = rubrics.mapValues(\.rules)
        context.extraDiagnostics += problems
        return context
    }
}

/// The brief's name for the loader: rubrics by id, with diagnostics.
public enum RubricLoader {
    public static func load(root: URL, knownRules: Set<String>? = nil) -> ([String: Rubric], [Diagnostic]) {
        let (content, problems) = GradingContent.load(root: root, knownRules: knownRules)
        return (content.rubrics, problems)
    }
}
