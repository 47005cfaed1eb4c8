import Foundation
import Yams

/// Reads an exam spec file. Everything that can be checked without the rest of the content
/// (types, ranges, unknown keys, the grading method) is checked here and reported with
/// file:line:column; references to scenarios and quiz items are `ExamSpecLinter`'s job.
///
/// ```yaml
/// id: claims-week1
/// title: {en: "Week 1: claims", zh: "第一周：索赔"}
/// scenarios: [atoz-not-received, {id: other-one, points: 20}]
/// quiz: {items: [q-48h], draw: [{topic: claims, count: 3}], points: 1}
/// seed: 7
/// shuffle: true
/// time_limit: 30      # minutes
/// grace: 2            # minutes
/// pass_mark: 60       # percent
/// hints: false
/// show_result: true
/// attempts: 2         # or unlimited
/// grading: highest    # highest | average | first | last
/// ```
public enum ExamSpecLoader {
    static let topKeys: Set<String> = ["id", "title", "scenarios", "quiz", "seed", "shuffle", "time_limit", "grace", "pass_mark",
                                       "hints", "show_result", "attempts", "grading"]
    static let quizKeys: Set<String> = ["items", "draw", "points"]

    /// Reads and checks a spec file; `shownPath` is how the file is named in diagnostics. The spec comes back
    /// only when there is no problem, unless `partial` is set (for lint, which then also checks references).
    public static func load(_ url: URL, shownPath: String? = nil, partial: Bool = false) -> (spec: LoadedExamSpec?, diagnostics: [Diagnostic]) {
        let shown = shownPath ?? url.path
        guard let data = try? Data(contentsOf: url) else {
            return (nil, [Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "cannot read the exam spec")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "not valid UTF-8")])
        }
        let document: YAMLDocument
        do {
            document = try YAMLDocument(file: shown, text: text)
        } catch {
            return (nil, [error])
        }
        var reader = Reader(document: document)
        let spec = reader.read()
        guard let spec, reader.problems.isEmpty || partial else { return (nil, reader.problems) }
        return (LoadedExamSpec(spec: spec, document: document, hash: Hashing.sha256Hex(data), url: url), reader.problems)
    }

    /// Every `*.yaml` spec in `Content/exams/` of a content root, sorted by file name.
    public static func loadAll(root: URL, partial: Bool = false) -> (specs: [LoadedExamSpec], diagnostics: [Diagnostic]) {
        let loader = ContentLoader(root: root)
        var specs: [LoadedExamSpec] = []
        var problems: [Diagnostic] = []
        for url in loader.yamlFiles(in: "Content/exams") {
            let (spec, found) = load(url, shownPath: loader.relativePath(url), partial: partial)
            problems += found
            if let spec { specs.append(spec) }
        }
        return (specs, problems)
    }

    /// Walks the YAML tree by hand so every problem is found in one pass, each at its own position.
    private struct Reader {
        let document: YAMLDocument
        var problems: [Diagnostic] = []

        mutating func fail(_ path: [PathStep], _ message: String, _ code: DiagnosticCode = .badExamSpec) {
            problems.append(document.diagnostic(at: path, code: code, message))
        }

        mutating func read() -> ExamSpec? {
            guard let mapping = document.root.mapping else {
                fail([], "an exam spec is a mapping (id, title, scenarios, quiz, …)", .wrongType)
                return nil
            }
            unknownKeys(mapping, allowed: ExamSpecLoader.topKeys, at: [])
            let id = string([.key("id")], required: true) ?? ""
            if !id.isEmpty && !ExamSpecLoader.isPlainID(id) {
                fail([.key("id")], "exam id '\(id)' must be lowercase letters, digits and dashes")
            }
            var title = Localized(en: id, zh: nil)
            if document.node(at: [.key("title")]) == nil {
                fail([], "missing key 'title'", .wrongType)
            } else {
                do { title = try document.decode(Localized.self, at: [.key("title")]) } catch { problems.append(error) }
            }
            var spec = ExamSpec(id: id, title: title)
            spec.scenarios = scenarios()
            quiz(into: &spec)
            if let seed = integer([.key("seed")]) {
                if seed < 0 { fail([.key("seed")], "seed must be 0 or more") } else { spec.seed = UInt64(seed) }
            }
            spec.shuffle = bool([.key("shuffle")]) ?? false
            spec.timeLimit = number([.key("time_limit")])
            if let limit = spec.timeLimit, !(limit > 0) { fail([.key("time_limit")], "time_limit is in minutes and must be more than 0") }
            spec.grace = number([.key("grace")])
            if let grace = spec.grace {
                if grace < 0 { fail([.key("grace")], "grace must be 0 minutes or more") }
                if spec.timeLimit == nil { fail([.key("grace")], "a grace period needs a time_limit") }
            }
            if document.node(at: [.key("pass_mark")]) == nil {
                fail([], "missing key 'pass_mark' (percent needed to pass, 0–100)", .wrongType)
            } else if let mark = number([.key("pass_mark")]) {
                if !(0...100).contains(mark) { fail([.key("pass_mark")], "pass_mark \(format(mark)) is out of range: it is a percentage, 0–100") }
                spec.passMark = mark
            }
            spec.hints = bool([.key("hints")]) ?? false
            spec.showResult = bool([.key("show_result")]) ?? true
            attempts(into: &spec)
            if let method = string([.key("grading")]) {
                if let value = GradingMethod(rawValue: method) {
                    spec.grading = value
                } else {
                    fail([.key("grading")], "unknown grading method '\(method)'; use highest, average, first or last")
                }
            }
            if spec.scenarios.isEmpty && spec.quizItems.isEmpty && spec.quizDraws.isEmpty && problems.isEmpty {
                fail([], "the exam has no scenarios and no quiz items")
            }
            return spec
        }

        private mutating func scenarios() -> [ExamSpec.ScenarioRef] {
            guard let node = document.node(at: [.key("scenarios")]) else { return [] }
            guard let list = node.sequence else {
                fail([.key("scenarios")], "scenarios must be a list of scenario ids", .wrongType)
                return []
            }
            var refs: [ExamSpec.ScenarioRef] = []
            for index in 0..<list.count {
                let path: [PathStep] = [.key("scenarios"), .index(index)]
                if let id = list[index].scalar?.string {
                    refs.append(.init(id: id))
                } else if let mapping = list[index].mapping {
                    unknownKeys(mapping, allowed: ["id", "points"], at: path)
                    guard let id = string(path + [.key("id")], required: true) else { continue }
                    let points = number(path + [.key("points")]) ?? ExamSpec.defaultScenarioPoints
                    if points < 0 { fail(path + [.key("points")], "points must be 0 or more") }
                    refs.append(.init(id: id, points: points))
                } else {
                    fail(path, "expected a scenario id or {id, points}", .wrongType)
                }
            }
            return refs
        }

        private mutating func quiz(into spec: inout ExamSpec) {
            guard let node = document.node(at: [.key("quiz")]) else { return }
            guard let mapping = node.mapping else {
                fail([.key("quiz")], "quiz must be a mapping with items, draw and points", .wrongType)
                return
            }
            unknownKeys(mapping, allowed: ExamSpecLoader.quizKeys, at: [.key("quiz")])
            if document.node(at: [.key("quiz"), .key("items")]) != nil {
                do { spec.quizItems = try document.decode([String].self, at: [.key("quiz"), .key("items")]) } catch { problems.append(error) }
            }
            if let draws = document.node(at: [.key("quiz"), .key("draw")]) {
                guard let list = draws.sequence else {
                    fail([.key("quiz"), .key("draw")], "draw must be a list of {topic, count}", .wrongType)
                    return
                }
                for index in 0..<list.count {
                    let path: [PathStep] = [.key("quiz"), .key("draw"), .index(index)]
                    guard let entry = list[index].mapping else {
                        fail(path, "expected {topic, count}", .wrongType)
                        continue
                    }
                    unknownKeys(entry, allowed: ["topic", "count"], at: path)
                    guard let topic = string(path + [.key("topic")], required: true),
                          let count = integer(path + [.key("count")], required: true) else { continue }
                    if count < 1 { fail(path + [.key("count")], "count must be 1 or more") }
                    spec.quizDraws.append(.init(topic: topic, count: count))
                }
            }
            if let points = number([.key("quiz"), .key("points")]) {
                if points < 0 { fail([.key("quiz"), .key("points")], "points must be 0 or more") }
                spec.quizPoints = points
            }
        }

        private mutating func attempts(into spec: inout ExamSpec) {
            let path: [PathStep] = [.key("attempts")]
            guard let node = document.node(at: path) else { return }
            if node.scalar?.string == "unlimited" {
                spec.attempts = nil
            } else if let count = node.int {
                if count < 1 { fail(path, "attempts must be 1 or more (or 'unlimited')") }
                spec.attempts = count
            } else {
                fail(path, "attempts must be a number or 'unlimited'", .wrongType)
            }
        }

        private mutating func unknownKeys(_ mapping: Yams.Node.Mapping, allowed: Set<String>, at path: [PathStep]) {
            for key in mapping.keys {
                guard let name = key.string, !allowed.contains(name) else { continue }
                let near = allowed.sorted().first { ExamSpecLoader.closeEnough(name, $0) }
                problems.append(Diagnostic(file: document.file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
                                           code: .badExamSpec,
                                           message: "unknown key '\(name)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")))
            }
        }

        private mutating func string(_ path: [PathStep], required: Bool = false) -> String? {
            guard let node = document.node(at: path) else {
                if required { fail(path, "missing key '\(path.last?.description ?? "")'", .wrongType) }
                return nil
            }
            guard let text = node.scalar?.string, !text.isEmpty else {
                fail(path, "\(path.last?.description ?? "value") must be text", .wrongType)
                return nil
            }
            return text
        }

        private mutating func number(_ path: [PathStep]) -> Double? {
            guard let node = document.node(at: path) else { return nil }
            guard let value = node.float, value.isFinite else {
                fail(path, "\(path.last?.description ?? "value") must be a number", .wrongType)
                return nil
            }
            return value
        }

        private mutating func integer(_ path: [PathStep], required: Bool = false) -> Int? {
            guard let node = document.node(at: path) else {
                if required { fail(path, "missing key '\(path.last?.description ?? "")'", .wrongType) }
                return nil
            }
            guard let value = node.int else {
                fail(path, "\(path.last?.description ?? "value") must be a whole number", .wrongType)
                return nil
            }
            return value
        }

        private mutating func bool(_ path: [PathStep]) -> Bool? {
            guard let node = document.node(at: path) else { return nil }
            guard let value = node.bool else {
                fail(path, "\(path.last?.description ?? "value") must be true or false", .wrongType)
                return nil
            }
            return value
        }

        private func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// Ids that are safe in file names and on the command line.
    public static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        } && !id.hasPrefix(".")
    }

    /// A typo of a known key: one edit apart, or the same letters without separators.
    static func closeEnough(_ a: String, _ b: String) -> Bool {
        let strip = { (s: String) in s.lowercased().filter { $0.isLetter } }
        if strip(a) == strip(b) { return true }
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1 else { return false }
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 1
    }
}
