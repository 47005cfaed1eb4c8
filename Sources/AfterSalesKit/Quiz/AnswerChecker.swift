import Foundation

/// Judges a typed answer against a presented question.
///
/// Accepted forms, all after full-width characters are folded to ASCII:
/// - choices: option numbers ("2", "1 3", "1,3", "1，3"), or an option's text in either language;
/// - true/false: the vocabulary's yes/no words in either language (true, f, 对, 错 …);
/// - numbers: "48", "48h", "48 hours", "48小时", "$1,000", "80%", or the same quantity in another unit of the
///   same dimension ("2 days" for 48 hours); the tolerance is inclusive at both edges;
/// - ordering: "3 1 2 4", "3,1,2,4" or, up to nine steps, "3124";
/// - short text: any accepted answer, in English or Chinese, compared after normalisation;
/// - spot-the-problem: numbers from the violation list, the ids themselves, or 0 / "none" when nothing is wrong.
public struct AnswerChecker: Sendable {
    public var vocabulary: QuizVocabulary
    /// The trainee's interface language: text typed in the other one is told apart from plain wrong input.
    public var language: Language

    public init(vocabulary: QuizVocabulary, language: Language) {
        self.vocabulary = vocabulary
        self.language = language
    }

    public func check(_ input: String, for presented: PresentedQuestion) -> AnswerOutcome {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !TextNormalizer.normalize(trimmed).isEmpty || !TextNormalizer.fold(trimmed).isEmpty else { return .retry("empty") }
        switch presented.question.body {
        case .single(_, let answer):
            return checkSingle(trimmed, presented, answer: answer)
        case .multi(_, let answers):
            return checkMulti(trimmed, presented, answers: answers)
        case .trueFalse(let answer):
            return checkTrueFalse(trimmed, answer: answer)
        case .numeric(let value, let unit, let tolerance):
            return checkNumeric(trimmed, value: value, unit: unit, tolerance: tolerance)
        case .ordering(let steps):
            return checkOrdering(trimmed, presented, count: steps.count)
        case .text(let accept):
            return checkText(trimmed, accept: accept)
        case .spot(_, let violations):
            return checkSpot(trimmed, answer: Set(violations))
        }
    }

    // MARK: - Choices

    private func checkSingle(_ input: String, _ presented: PresentedQuestion, answer: Int) -> AnswerOutcome {
        let count = presented.order.count
        switch choices(input, presented) {
        case .numbers(let numbers):
            guard numbers.count == 1 else { return .retry("one_number", ["max": "\(count)"]) }
            return presented.order[numbers[0] - 1] == answer ? .correct : .incorrect
        case .retry(let outcome):
            return outcome
        }
    }

    private func checkMulti(_ input: String, _ presented: PresentedQuestion, answers: Set<Int>) -> AnswerOutcome {
        switch choices(input, presented) {
        case .numbers(let numbers):
            let picked = Set(numbers.map { presented.order[$0 - 1] })
            if picked == answers { return .correct }
            return picked.isDisjoint(with: answers) ? .incorrect : .partial
        case .retry(let outcome):
            return outcome
        }
    }

    private enum Choices { case numbers([Int]), retry(AnswerOutcome) }

    /// Option numbers typed directly, or option texts; range and language problems become retries.
    private func choices(_ input: String, _ presented: PresentedQuestion) -> Choices {
        let count = presented.order.count
        let tokens = Self.tokens(input)
        let numbers = tokens.compactMap { Int($0) }
        if !tokens.isEmpty && numbers.count == tokens.count {
            if let bad = numbers.first(where: { !(1...count).contains($0) }) {
                return .retry(.retry("out_of_range", ["number": "\(bad)", "max": "\(count)"]))
            }
            var unique: [Int] = []
            for number in numbers where !unique.contains(number) { unique.append(number) }
            return .numbers(unique)
        }
        // Option texts, whole or separated by commas/semicolons, in either language.
        let displayed = presented.displayed
        let parts = input.precomposedStringWithCompatibilityMapping
            .split(whereSeparator: { ",;、".contains($0) }).map(String.init)
        var picked: [Int] = []
        for part in [input] + (parts.count > 1 ? parts : []) {
            let key = TextNormalizer.normalize(part)
            if let index = displayed.firstIndex(where: { option in
                Language.allCases.contains { TextNormalizer.normalize(option.text($0)) == key }
            }) {
                if part == input { return .numbers([index + 1]) }
                picked.append(index + 1)
            }
        }
        if parts.count > 1 && picked.count == parts.count { return .numbers(picked) }
        if let typed = TextNormalizer.language(of: input), typed != language {
            return .retry(.needsRetry(key: "quiz.retry.other_language_choice",
                                      args: ["typed_language": typed.rawValue, "max": "\(count)"]))
        }
        return .retry(.retry("not_a_choice", ["max": "\(count)"]))
    }

    // MARK: - True / false

    private func checkTrueFalse(_ input: String, answer: Bool) -> AnswerOutcome {
        let key = TextNormalizer.normalize(input)
        let compact = TextNormalizer.compact(input)
        func matches(_ words: [String]) -> Bool {
            words.contains { TextNormalizer.normalize($0) == key || TextNormalizer.compact($0) == compact }
        }
        let yes = matches(vocabulary.words.yes)
        let no = matches(vocabulary.words.no)
        if yes == no { return .retry("truefalse") }
        return yes == answer ? .correct : .incorrect
    }

    // MARK: - Numbers

    private func checkNumeric(_ input: String, value: Double, unit: QuizUnit, tolerance: Double) -> AnswerOutcome {
        let example = ["example": unit.format(12, language), "unit": unit.show.text(language).replacingOccurrences(of: "{n}", with: "").trimmingCharacters(in: .whitespaces)]
        let folded = TextNormalizer.fold(input)
        let found = Self.numbers(in: folded)
        guard let first = found.first else { return .retry("not_a_number", example) }
        guard found.count == 1 else { return .retry("one_quantity", example) }
        let prefix = String(folded[folded.startIndex..<first.range.lowerBound])
        let suffix = String(folded[first.range.upperBound...])
        var given = unit
        for part in [prefix, suffix] {
            let word = stripFiller(part)
            if word.isEmpty { continue }
            guard let named = vocabulary.unit(alias: word) else {
                return .retry("unknown_unit", example.merging(["typed": word]) { $1 })
            }
            guard named.dimension == unit.dimension else {
                return .retry("wrong_unit", example.merging(["typed": word]) { $1 })
            }
            given = named
        }
        let converted = first.value * given.factor / unit.factor
        let slack = tolerance + 1e-9 * max(1, abs(value))
        return abs(converted - value) <= slack ? .correct : .incorrect
    }

    /// Removes filler words ("within", "about", "以内") and stray punctuation around a unit word.
    private func stripFiller(_ text: String) -> String {
        var word = TextNormalizer.fold(text).trimmingCharacters(in: Self.edgeJunk)
        let fillers = vocabulary.words.filler.map { TextNormalizer.fold($0) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var changed = true
        while changed && !word.isEmpty {
            changed = false
            if vocabulary.unit(alias: word) != nil { break }
            for filler in fillers {
                if word.hasPrefix(filler) {
                    word = String(word.dropFirst(filler.count)).trimmingCharacters(in: Self.edgeJunk)
                    changed = true
                } else if word.hasSuffix(filler) {
                    word = String(word.dropLast(filler.count)).trimmingCharacters(in: Self.edgeJunk)
                    changed = true
                }
                if changed { break }
            }
        }
        return word
    }

    private static let edgeJunk = CharacterSet(charactersIn: " -–—.:;,~?!()[]\"'“”‘’。，：；？！（）")

    struct FoundNumber {
        var value: Double
        var range: Range<String.Index>
    }

    /// Numbers in folded text: digits with optional thousands groups ("1,000") and decimals ("0.5").
    static func numbers(in text: String) -> [FoundNumber] {
        var result: [FoundNumber] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber else {
                index = text.index(after: index)
                continue
            }
            let start = index
            var end = index
            var digits = ""
            func scanDigits(_ from: String.Index) -> (String, String.Index) {
                var cursor = from
                var out = ""
                while cursor < text.endIndex, text[cursor].isASCII, text[cursor].isNumber {
                    out.append(text[cursor])
                    cursor = text.index(after: cursor)
                }
                return (out, cursor)
            }
            (digits, end) = scanDigits(start)
            // Thousands groups: ",ddd" repeated, only after 1–3 leading digits.
            if digits.count <= 3 {
                while end < text.endIndex, text[end] == "," {
                    let (group, after) = scanDigits(text.index(after: end))
                    guard group.count == 3, after == text.endIndex || !(text[after].isASCII && text[after].isNumber) else { break }
                    digits += group
                    end = after
                }
            }
            if end < text.endIndex, text[end] == "." {
                let (fraction, after) = scanDigits(text.index(after: end))
                if !fraction.isEmpty {
                    digits += "." + fraction
                    end = after
                }
            }
            if let value = Double(digits) { result.append(FoundNumber(value: value, range: start..<end)) }
            index = end
        }
        return result
    }

    // MARK: - Ordering

    private func checkOrdering(_ input: String, _ presented: PresentedQuestion, count: Int) -> AnswerOutcome {
        var tokens = Self.tokens(input, extraSeparators: "->→>")
        if tokens.count == 1, count <= 9, tokens[0].count == count, tokens[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
            tokens = tokens[0].map { String($0) }
        }
        let example = (1...count).map(String.init).joined(separator: " ")
        let numbers = tokens.compactMap { Int($0) }
        guard !tokens.isEmpty, numbers.count == tokens.count else {
            if let typed = TextNormalizer.language(of: input), typed != language {
                return .needsRetry(key: "quiz.retry.other_language_choice", args: ["typed_language": typed.rawValue, "max": "\(count)"])
            }
            return .retry("order_format", ["count": "\(count)", "example": example])
        }
        if let bad = numbers.first(where: { !(1...count).contains($0) }) {
            return .retry("out_of_range", ["number": "\(bad)", "max": "\(count)"])
        }
        var seen = Set<Int>()
        for number in numbers where !seen.insert(number).inserted {
            return .retry("order_duplicate", ["number": "\(number)"])
        }
        guard numbers.count == count else { return .retry("order_count", ["count": "\(count)", "example": example]) }
        let sequence = numbers.map { presented.order[$0 - 1] }
        if sequence == Array(0..<count) { return .correct }
        let inPlace = sequence.enumerated().filter { $0.offset == $0.element }.count
        return inPlace * 2 >= count ? .partial : .incorrect
    }

    // MARK: - Short text

    private func checkText(_ input: String, accept: AcceptedAnswers) -> AnswerOutcome {
        let key = TextNormalizer.normalize(input)
        let compact = TextNormalizer.compact(input)
        let hit = accept.all.contains { TextNormalizer.normalize($0) == key || TextNormalizer.compact($0) == compact }
        if hit { return .correct }
        if let typed = TextNormalizer.language(of: input) {
            let listed = typed == .en ? accept.en : accept.zh
            if listed.allSatisfy({ TextNormalizer.normalize($0).isEmpty }) {
                let expected: Language = typed == .en ? .zh : .en
                return .needsRetry(key: "quiz.retry.other_language",
                                   args: ["typed_language": typed.rawValue, "expected_language": expected.rawValue])
            }
        }
        return .incorrect
    }

    // MARK: - Spot the problem

    private func checkSpot(_ input: String, answer: Set<String>) -> AnswerOutcome {
        let list = vocabulary.violations
        let max = "\(list.count)"
        let key = TextNormalizer.normalize(input)
        if key == "0" || vocabulary.words.none.contains(where: { TextNormalizer.normalize($0) == key }) {
            return answer.isEmpty ? .correct : .incorrect
        }
        var picked = Set<String>()
        // Chunks separated by commas may be whole ids or labels ("blame buyer, hostile tone"); inside a chunk,
        // words separated by spaces are numbers or ids ("1 7", "blame_buyer hostile_tone").
        let chunks = TextNormalizer.fold(input).split(whereSeparator: { ",;/、".contains($0) }).map(String.init)
        for chunk in chunks {
            if let whole = violation(named: chunk, in: list) {
                picked.insert(whole.id)
                continue
            }
            for token in Self.tokens(chunk) {
                if let number = Int(token) {
                    if number == 0 { return .retry("spot_none_and_more", ["max": max]) }
                    guard (1...list.count).contains(number) else { return .retry("spot_out_of_range", ["number": token, "max": max]) }
                    picked.insert(list[number - 1].id)
                } else if let violation = violation(named: token, in: list) {
                    picked.insert(violation.id)
                } else {
                    return .retry("spot_unknown", ["typed": token, "max": max])
                }
            }
        }
        if picked.isEmpty { return .retry("empty") }
        if picked == answer { return .correct }
        return picked.isDisjoint(with: answer) ? .incorrect : .partial
    }

    /// A violation named by its id ("blame_buyer", "blame buyer") or its label in either language.
    private func violation(named text: String, in list: [QuizVocabulary.Violation]) -> QuizVocabulary.Violation? {
        let compact = TextNormalizer.compact(text)
        guard !compact.isEmpty else { return nil }
        return list.first { violation in
            TextNormalizer.compact(violation.id) == compact
                || Language.allCases.contains { TextNormalizer.compact(violation.label.text($0)) == compact }
        }
    }

    // MARK: - Tokens

    /// Splits on white space, commas, semicolons, slashes and the Chinese enumeration comma, after folding.
    static func tokens(_ input: String, extraSeparators: String = "") -> [String] {
        let separators = " \t,;/、" + extraSeparators
        return TextNormalizer.fold(input)
            .split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            .filter { !$0.isEmpty }
    }
}
