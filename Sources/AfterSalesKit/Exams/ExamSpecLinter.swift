/// Checks a loaded spec against the content: every scenario and quiz item it names exists, topics
/// exist and hold enough items for their draws, and nothing is asked twice. Each problem points at
/// the spec's own line and column. With `quiz == nil` (no quiz content known) quiz references are
/// not checked, as `LintContext` does for other content kinds.
public struct ExamSpecLinter: Sendable {
    public var library: ContentLibrary
    public var quiz: ExamQuizBank?

    public init(library: ContentLibrary, quiz: ExamQuizBank?) {
        self.library = library
        self.quiz = quiz
    }

    public func lint(_ loaded: LoadedExamSpec) -> [Diagnostic] {
        let spec = loaded.spec
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (index, ref) in spec.scenarios.enumerated() {
            let path: [PathStep] = [.key("scenarios"), .index(index)]
            if library.scenarios[ref.id] == nil {
                let near = library.scenarios.keys.sorted().first { ExamSpecLoader.closeEnough(ref.id, $0) }
                problems.append(loaded.diagnostic(path, .unknownReference,
                                                  "unknown scenario '\(ref.id)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")))
            }
            if let first = seen[ref.id] {
                problems.append(loaded.diagnostic(path, .duplicateID, "scenario '\(ref.id)' is listed twice (first at scenarios[\(first)])"))
            }
            seen[ref.id] = seen[ref.id] ?? index
        }
        var named = Set<String>()
        for (index, id) in spec.quizItems.enumerated() {
            let path: [PathStep] = [.key("quiz"), .key("items"), .index(index)]
            if !named.insert(id).inserted {
                problems.append(loaded.diagnostic(path, .duplicateID, "quiz item '\(id)' is listed twice"))
            }
            if let quiz, quiz.item(id: id) == nil {
                problems.append(loaded.diagnostic(path, .unknownReference, "unknown quiz item '\(id)'"))
            }
        }
        var drawn: [String: Int] = [:]
        for (index, draw) in spec.quizDraws.enumerated() {
            let path: [PathStep] = [.key("quiz"), .key("draw"), .index(index)]
            guard let quiz else { continue }
            guard quiz.topics.contains(draw.topic) else {
                let known = quiz.topics.sorted().joined(separator: ", ")
                problems.append(loaded.diagnostic(path + [.key("topic")], .unknownReference,
                                                  "unknown quiz topic '\(draw.topic)'" + (known.isEmpty ? "" : "; topics: \(known)")))
                continue
            }
            let pool = quiz.items(topic: draw.topic).map(\.id).filter { !named.contains($0) }
            drawn[draw.topic, default: 0] += draw.count
            if drawn[draw.topic]! > pool.count {
                problems.append(loaded.diagnostic(path + [.key("count")], .badExamSpec,
                                                  "topic '\(draw.topic)' has \(pool.count) items to draw from (after the named ones); "
                                                  + "the spec draws \(drawn[draw.topic]!)"))
            }
        }
        let clash = Set(spec.scenarios.map(\.id)).intersection(spec.quizItems)
        for id in clash.sorted() {
            if let index = spec.quizItems.firstIndex(of: id) {
                problems.append(loaded.diagnostic([.key("quiz"), .key("items"), .index(index)], .duplicateID,
                                                  "'\(id)' is both a scenario and a quiz item: item ids must be unique in an exam"))
            }
        }
        let total = spec.scenarios.reduce(0) { $0 + $1.points }
            + Double(spec.quizItems.count + spec.quizDraws.reduce(0) { $0 + $1.count }) * spec.quizPoints
        if total <= 0 && !(spec.scenarios.isEmpty && spec.quizItems.isEmpty && spec.quizDraws.isEmpty) {
            problems.append(loaded.diagnostic([], .badExamSpec, "every item is worth 0 points: nobody can pass or fail"))
        }
        return problems
    }

    /// Loads and lints every spec of `Content/exams/`, for `aftersales lint`.
    public static func lintAll(library: ContentLibrary, quiz: ExamQuizBank?) -> [Diagnostic] {
        let (specs, problems) = ExamSpecLoader.loadAll(root: library.root, partial: true)
        var ids: [String: String] = [:]
        var found = problems
        let linter = ExamSpecLinter(library: library, quiz: quiz)
        for spec in specs {
            found += linter.lint(spec)
            if let other = ids[spec.spec.id] {
                found.append(spec.diagnostic([.key("id")], .duplicateID, "exam id '\(spec.spec.id)' is also used by \(other)"))
            }
            ids[spec.spec.id] = spec.document.file
        }
        return found
    }
}
