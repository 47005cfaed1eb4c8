/// Turns questions, answers and feedback into output lines in the trainee's language.
/// Shared by the quiz and the review queue so both look the same. All wording comes from the string table.
public struct QuestionRenderer: Sendable {
    public var strings: StringTable
    public var vocabulary: QuizVocabulary

    public init(strings: StringTable, vocabulary: QuizVocabulary) {
        self.strings = strings
        self.vocabulary = vocabulary
    }

    var language: Language { strings.language }

    /// The question with its options and a one-line hint on how to answer.
    public func question(_ presented: PresentedQuestion, heading: String) -> [OutputLine] {
        let s = strings
        let question = presented.question
        var lines = [OutputLine(heading, .title)]
        lines.append(OutputLine(question.prompt.text(language), .question))
        switch question.body {
        case .single, .multi, .ordering:
            for (index, option) in presented.displayed.enumerated() {
                lines.append(OutputLine(s("quiz.option", ["number": "\(index + 1)", "text": option.text(language)]), .option, indent: "     "))
            }
        case .spot(let reply, _):
            for line in reply.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(OutputLine(s("quiz.reply_line", ["text": String(line)]), .quote, indent: "  │ "))
            }
            lines.append(OutputLine(s("quiz.spot_list"), .hint))
            for (index, violation) in vocabulary.violations.enumerated() {
                lines.append(OutputLine(s("quiz.option", ["number": "\(index + 1)", "text": violation.label.text(language)]), .option, indent: "     "))
            }
        default:
            break
        }
        lines.append(OutputLine(hint(for: presented), .hint))
        return lines
    }

    func hint(for presented: PresentedQuestion) -> String {
        let s = strings
        switch presented.question.body {
        case .single(let options, _): return s("quiz.hint.single", ["max": "\(options.count)"])
        case .multi(let options, _): return s("quiz.hint.multi", ["max": "\(options.count)"])
        case .trueFalse: return s("quiz.hint.truefalse")
        case .numeric(_, let unit, _): return s("quiz.hint.numeric", ["example": unit.format(12, language)])
        case .ordering(let steps):
            return s("quiz.hint.ordering", ["count": "\(steps.count)", "example": (1...steps.count).reversed().map(String.init).joined(separator: " ")])
        case .text: return s("quiz.hint.text")
        case .spot: return s("quiz.hint.spot")
        }
    }

    /// The right answer, as one line of text.
    public func answer(_ presented: PresentedQuestion) -> String {
        let s = strings
        switch presented.question.body {
        case .single, .multi:
            let displayed = presented.displayed
            return presented.correctDisplayNumbers
                .map { s("quiz.option_inline", ["number": "\($0)", "text": displayed[$0 - 1].text(language)]) }
                .joined(separator: s("quiz.list_separator"))
        case .trueFalse(let value):
            return s(value ? "quiz.answer_true" : "quiz.answer_false")
        case .numeric(let value, let unit, let tolerance):
            let text = unit.format(value, language)
            return tolerance > 0 ? s("quiz.answer_tolerance", ["answer": text, "tolerance": unit.format(tolerance, language)]) : text
        case .ordering:
            return presented.correctDisplayNumbers.map(String.init).joined(separator: " → ")
        case .text(let accept):
            let preferred = language == .zh ? accept.zh + accept.en : accept.en + accept.zh
            return preferred.first ?? ""
        case .spot(_, let violations):
            guard !violations.isEmpty else { return s("quiz.answer_none") }
            return violations.compactMap { id -> String? in
                guard let index = vocabulary.violations.firstIndex(where: { $0.id == id }) else { return nil }
                return s("quiz.option_inline", ["number": "\(index + 1)", "text": vocabulary.violations[index].label.text(language)])
            }.joined(separator: s("quiz.list_separator"))
        }
    }

    /// The verdict, the right answer when it was missed, then why, what changed since the guide and the source.
    public func feedback(_ presented: PresentedQuestion, mark: QuizSession.Mark) -> [OutputLine] {
        let s = strings
        let question = presented.question
        var lines: [OutputLine] = []
        let answer = answer(presented)
        switch mark {
        case .correct: lines.append(OutputLine(s("quiz.correct"), .correct))
        case .partial: lines.append(OutputLine(s("quiz.partial", ["answer": answer]), .partial, indent: "  "))
        case .incorrect: lines.append(OutputLine(s("quiz.incorrect", ["answer": answer]), .wrong, indent: "  "))
        case .skipped: lines.append(OutputLine(s("quiz.skipped", ["answer": answer]), .wrong, indent: "  "))
        }
        if mark != .correct, case .ordering = question.body {
            for number in presented.correctDisplayNumbers {
                lines.append(OutputLine(s("quiz.option", ["number": "\(number)", "text": presented.displayed[number - 1].text(language)]),
                                        .option, indent: "     "))
            }
        }
        lines.append(OutputLine(s("quiz.why", ["text": question.explanation.text(language)]), .explanation, indent: "  "))
        if let changed = question.changed {
            lines.append(OutputLine(s("quiz.changed", ["text": changed.text(language)]), .changed, indent: "  "))
        }
        lines.append(OutputLine(s("quiz.source", ["source": question.source, "rules": question.rules.joined(separator: ", ")]), .source, indent: "  "))
        return lines
    }

    /// A retry message, with language codes in `*_language` arguments shown by name.
    public func retry(key: String, args: [String: String]) -> OutputLine {
        var filled = args
        for (name, value) in args where name.hasSuffix("_language") {
            filled[name] = strings("quiz.language.\(value)")
        }
        return OutputLine(strings(key, filled), .retry, indent: "  ")
    }

    public func topicName(_ topic: String) -> String { strings("topic.\(topic)") }
    public func kindName(_ kind: QuizKind) -> String { strings("quiz.kind.\(kind.rawValue)") }
}
