import Foundation

/// Checks quiz items against the rules and the vocabulary and turns the good ones into `QuizQuestion`s.
///
/// Every problem is a `Diagnostic` pointing at the offending key (file:line:column): an unknown rule id,
/// a missing answer, an answer that is not among the options, duplicate ids, text missing its zh or en
/// version, and catch-all options such as "all of the above" (they make multiple choice guessable).
public struct QuizLinter: Sendable {
    /// Known rule ids; nil when no rules file exists yet, and rule ids are then not checked.
    public var ruleIDs: Set<String>?
    public var vocabulary: QuizVocabulary

    public init(ruleIDs: Set<String>?, vocabulary: QuizVocabulary) {
        self.ruleIDs = ruleIDs
        self.vocabulary = vocabulary
    }

    /// Lints every item; returns the valid questions (in input order) and all diagnostics.
    public func lint(_ items: [Located<QuizItem>]) -> (questions: [QuizQuestion], diagnostics: [Diagnostic]) {
        var questions: [QuizQuestion] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: Located<QuizItem>] = [:]
        for located in items {
            var problems = check(located)
            let id = located.value.id
            if let first = seen[id] {
                let mark = first.document?.mark(at: first.path + [.key("id")]) ?? (line: 1, column: 1)
                problems.append(located.diagnostic([.key("id")], .duplicateID,
                                                   "quiz item '\(id)' is also defined at \(first.file):\(mark.line):\(mark.column)"))
            } else {
                seen[id] = located
            }
            diagnostics += problems
            if !problems.contains(where: { $0.severity == .error }), let question = question(from: located) {
                questions.append(question)
            }
        }
        return (questions, diagnostics)
    }

    /// Rule ids (in the given order) that no question tests.
    public static func untestedRules(_ ruleOrder: [String], questions: [QuizQuestion]) -> [String] {
        let tested = Set(questions.flatMap(\.rules))
        return ruleOrder.filter { !tested.contains($0) }
    }

    /// `untestedRules` as warnings (AS1002), placed where each rule is defined when that is known.
    public static func coverageDiagnostics(_ ruleOrder: [String], questions: [QuizQuestion],
                                           locations: [String: SourceLocation] = [:]) -> [Diagnostic] {
        untestedRules(ruleOrder, questions: questions).map { rule in
            let at = locations[rule] ?? SourceLocation(file: "Content/rules.yaml", line: 1, column: 1)
            return Diagnostic(file: at.file, line: at.line, column: at.column, code: .untestedRule,
                              message: "no quiz item tests rule '\(rule)'")
        }
    }

    // MARK: - Checks

    private func check(_ located: Located<QuizItem>) -> [Diagnostic] {
        let item = located.value
        var out: [Diagnostic] = []
        func problem(_ steps: [PathStep], _ message: String, code: DiagnosticCode = .badQuizItem) {
            out.append(located.diagnostic(steps, code, "\(item.id): \(message)"))
        }

        if !Self.isPlainID(item.id) {
            problem([.key("id")], "an id is lowercase letters, digits and dashes")
        }
        if !vocabulary.topics.contains(item.topic) {
            problem([.key("topic")], "unknown topic '\(item.topic)' (one of \(vocabulary.topics.joined(separator: ", ")))")
        }
        if item.rules.isEmpty {
            problem([.key("rules")], "tests no rule: list at least one rule id under rules")
        }
        for (index, rule) in item.rules.enumerated() where !(ruleIDs?.contains(rule) ?? true) {
            problem([.key("rules"), .index(index)], "unknown rule id '\(rule)'", code: .unknownRule)
        }
        translations(item.prompt, [.key("prompt")], "prompt", &out, located)
        translations(item.explanation, [.key("explanation")], "explanation", &out, located)
        if let changed = item.changed { translations(changed, [.key("changed")], "changed", &out, located) }
        if item.source.trimmingCharacters(in: .whitespaces).isEmpty {
            problem([.key("source")], "source is empty: name the guide section or policy page")
        }
        guard let kind = item.kind else {
            problem([.key("type")], "unknown type '\(item.type)' (one of \(QuizKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return out
        }
        switch kind {
        case .single, .multi, .ordering:
            checkOptions(kind, located, &out)
        case .truefalse:
            guard let answer = item.answer else { problem([], "missing answer (true or false)"); break }
            if case .bool = answer {} else { problem([.key("answer")], "the answer of a true/false item is true or false") }
        case .numeric:
            if let answer = item.answer {
                if case .number = answer {} else { problem([.key("answer")], "the answer of a numeric item is one number") }
            } else {
                problem([], "missing answer (a number)")
            }
            if let unit = item.unit {
                if vocabulary.unit(unit) == nil {
                    problem([.key("unit")], "unknown unit '\(unit)' (one of \(vocabulary.units.map(\.id).joined(separator: ", ")))")
                }
            } else {
                problem([], "a numeric item needs a unit")
            }
            if let tolerance = item.tolerance, !(tolerance >= 0) {
                problem([.key("tolerance")], "the tolerance cannot be negative")
            }
        case .text:
            guard let accept = item.accept else { problem([], "missing answer: list accepted answers under accept: {en: [...], zh: [...]}"); break }
            if accept.all.allSatisfy({ TextNormalizer.normalize($0).isEmpty }) {
                problem([.key("accept")], "missing answer: accept lists no usable answer")
            }
        case .spot:
            if (item.reply ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problem([], "a spot-the-problem item needs the seller's reply under reply")
            }
            guard let answer = item.answer else { problem([], "missing answer: the violation ids in the reply ([] when it has none)"); break }
            let ids: [String]
            switch answer {
            case .texts(let list): ids = list
            case .text(let one): ids = [one]
            case .numbers(let list) where list.isEmpty: ids = []
            default:
                problem([.key("answer")], "the answer of a spot item is a list of violation ids"); ids = []
            }
            for (index, id) in ids.enumerated() where vocabulary.violation(id) == nil {
                let steps: [PathStep] = answer == .text(id) ? [.key("answer")] : [.key("answer"), .index(index)]
                problem(steps, "answer '\(id)' is not among the violation ids (\(vocabulary.violations.map(\.id).joined(separator: ", ")))")
            }
            if Set(ids).count != ids.count { problem([.key("answer")], "the same violation id is listed twice") }
        }
        return out
    }

    private func checkOptions(_ kind: QuizKind, _ located: Located<QuizItem>, _ out: inout [Diagnostic]) {
        let item = located.value
        func problem(_ steps: [PathStep], _ message: String) {
            out.append(located.diagnostic(steps, .badQuizItem, "\(item.id): \(message)"))
        }
        let options = item.options ?? []
        let minimum = kind == .ordering ? 3 : 2
        if options.count < minimum {
            problem(item.options == nil ? [] : [.key("options")], "a \(kind.rawValue) item needs at least \(minimum) options")
        }
        var texts: Set<String> = []
        for (index, option) in options.enumerated() {
            translations(option, [.key("options"), .index(index)], "option \(index + 1)", &out, located)
            for language in Language.allCases {
                let text = TextNormalizer.normalize(option.text(language))
                if vocabulary.words.catchAll.contains(where: { text.contains(TextNormalizer.normalize($0)) }) {
                    problem([.key("options"), .index(index)], "option \(index + 1) is a catch-all (\"\(option.text(language))\"): write a real option")
                    break
                }
            }
            let key = TextNormalizer.normalize(option.text(.en))
            if !key.isEmpty, !texts.insert(key).inserted { problem([.key("options"), .index(index)], "option \(index + 1) repeats another option") }
        }
        let count = options.count
        switch kind {
        case .single:
            guard let answer = item.answer else { problem([], "missing answer (the number of the right option)"); return }
            guard case .number(let value) = answer else { problem([.key("answer")], "the answer of a single-choice item is one option number"); return }
            if !Self.isOptionNumber(value, count) {
                problem([.key("answer")], "answer \(NumberText.format(value)) is not among the \(count) options")
            }
        case .multi:
            guard let answer = item.answer else { problem([], "missing answer (the numbers of the right options)"); return }
            let values: [Double]
            switch answer {
            case .numbers(let list): values = list
            case .number(let one): values = [one]
            default: problem([.key("answer")], "the answer of a multiple-select item is a list of option numbers"); return
            }
            if values.isEmpty { problem([.key("answer")], "missing answer: the list of right options is empty") }
            for (index, value) in values.enumerated() where !Self.isOptionNumber(value, count) {
                let steps: [PathStep] = answer == .number(value) ? [.key("answer")] : [.key("answer"), .index(index)]
                problem(steps, "answer \(NumberText.format(value)) is not among the \(count) options")
            }
            if Set(values).count != values.count { problem([.key("answer")], "the same option is listed twice") }
        case .ordering:
            guard let answer = item.answer else { return }  // options are already in the right order
            guard case .numbers(let values) = answer else { problem([.key("answer")], "the answer of an ordering item is a list of option numbers"); return }
            for (index, value) in values.enumerated() where !Self.isOptionNumber(value, count) {
                problem([.key("answer"), .index(index)], "answer \(NumberText.format(value)) is not among the \(count) options")
            }
            if Set(values).count != values.count || values.count != count {
                problem([.key("answer")], "the answer of an ordering item names every option exactly once")
            }
        default:
            break
        }
    }

    private func translations(_ text: Localized, _ steps: [PathStep], _ what: String, _ out: inout [Diagnostic],
                              _ located: Located<QuizItem>) {
        for language in text.missing {
            out.append(located.diagnostic(steps, .missingTranslation, "\(located.value.id): \(what) has no \(language.rawValue) text"))
        }
    }

    // MARK: - Conversion

    private func question(from located: Located<QuizItem>) -> QuizQuestion? {
        let item = located.value
        guard let kind = item.kind else { return nil }
        let body: QuizQuestion.Body
        let options = item.options ?? []
        switch (kind, item.answer) {
        case (.single, .number(let value)?):
            body = .single(options: options, answer: Int(value) - 1)
        case (.multi, .numbers(let values)?):
            body = .multi(options: options, answers: Set(values.map { Int($0) - 1 }))
        case (.multi, .number(let value)?):
            body = .multi(options: options, answers: [Int(value) - 1])
        case (.truefalse, .bool(let value)?):
            body = .trueFalse(value)
        case (.numeric, .number(let value)?):
            guard let unit = item.unit.flatMap({ vocabulary.unit($0) }) else { return nil }
            body = .numeric(value: value, unit: unit, tolerance: item.tolerance ?? 0)
        case (.ordering, nil):
            body = .ordering(steps: options)
        case (.ordering, .numbers(let values)?):
            body = .ordering(steps: values.map { options[Int($0) - 1] })
        case (.text, _):
            guard let accept = item.accept else { return nil }
            body = .text(accept: accept)
        case (.spot, let answer?):
            let ids: Set<String>
            switch answer {
            case .texts(let list): ids = Set(list)
            case .text(let one): ids = [one]
            default: ids = []
            }
            body = .spot(reply: item.reply ?? "", violations: vocabulary.violations.map(\.id).filter(ids.contains))
        default:
            return nil
        }
        let mark = located.document?.mark(at: located.path) ?? (line: 1, column: 1)
        return QuizQuestion(
            id: item.id, topic: item.topic, rules: item.rules, prompt: item.prompt, explanation: item.explanation,
            source: item.source, changed: item.changed, body: body,
            location: SourceLocation(file: located.file, line: mark.line, column: mark.column))
    }

    static func isOptionNumber(_ value: Double, _ count: Int) -> Bool {
        value == value.rounded() && value >= 1 && value <= Double(count)
    }

    static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
