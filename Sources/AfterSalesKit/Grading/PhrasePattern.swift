import Foundation

/// The phrase syntax lexicons are written in, parsed into slots. One phrase is words separated by spaces:
///
/// | slot | matches |
/// |---|---|
/// | `sorry` | the word (contractions in the phrase are expanded as in replies: `we're` = `we are`) |
/// | `apologize+` | the word and its inflections (apologizes, apologised, apologizing…) |
/// | `refund+\|replace+\|reship` | any of the alternatives |
/// | `so?` or `truly\|very?` | optional |
/// | `@weekday` | any word of a class defined under `classes:` |
/// | `#num` `#money` `#percent` | a number, an amount after a currency sign, a number before `%` |
/// | `*` | exactly one word |
/// | `*3` | zero to three words (never across a sentence end) |
/// | `@filler*3` | zero to three words of a class |
/// | `(showed up\|turned up\|arrived)` | a group of multi-word alternatives (`(…)?` optional), expanded when compiled |
///
/// Inside one slot `a|b` are single words; write a group when an alternative has several words, otherwise
/// `never arrived|showed up` would read as "never (arrived|showed) up".
public struct PhrasePattern: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case word(String, inflect: Bool)
        case wordClass(String)
        case number, money, percent
    }

    public enum Slot: Sendable, Equatable {
        case one([Item], optional: Bool)
        case gap(max: Int, wordClass: String?)
        case any
    }

    /// Every expansion of the phrase's groups; a phrase without groups has one.
    public var variants: [[Slot]]
    public var slots: [Slot] { variants[0] }

    public struct SyntaxError: Error, Sendable, Equatable { public var message: String }

    static let maxVariants = 256

    public static func parse(_ text: String) throws(SyntaxError) -> PhrasePattern {
        let variants = try expand(text.lowercased())
        guard !variants.isEmpty else { throw SyntaxError(message: "empty phrase") }
        for slots in variants {
            guard !slots.isEmpty else { throw SyntaxError(message: "a group alternative leaves the phrase empty") }
            switch slots.first {
            case .gap?, .any?: throw SyntaxError(message: "a phrase cannot start with a gap or *")
            default: break
            }
            if case .gap = slots.last { throw SyntaxError(message: "a phrase cannot end with a gap") }
            if slots.allSatisfy({ if case .one(_, true) = $0 { return true } else { return false } }) {
                throw SyntaxError(message: "a phrase needs at least one required word")
            }
        }
        return PhrasePattern(variants: variants)
    }

    /// Splits at top-level spaces, expanding `( … | … )` groups into every combination.
    static func expand(_ text: String) throws(SyntaxError) -> [[Slot]] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { throw SyntaxError(message: "unbalanced ')'") }
            if (character == " " || character == "\t") && depth == 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if depth != 0 { throw SyntaxError(message: "unbalanced '('") }
        if !current.isEmpty { parts.append(current) }
        var variants: [[Slot]] = [[]]
        for part in parts {
            var options: [[Slot]]
            if part.hasPrefix("(") {
                let optional = part.hasSuffix(")?")
                guard part.hasSuffix(")") || optional else { throw SyntaxError(message: "'\(part)': text after ')'") }
                let inner = String(part.dropFirst().dropLast(optional ? 2 : 1))
                options = []
                // Single-word alternatives share one slot; only multi-word ones are expanded.
                var singles: [String] = []
                for alternative in topLevelAlternatives(inner) {
                    let trimmed = alternative.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty else { throw SyntaxError(message: "'\(part)': empty alternative") }
                    if !trimmed.contains(" ") && !trimmed.contains("(") && !trimmed.hasPrefix("*") && !trimmed.hasSuffix("?") {
                        singles.append(trimmed)
                    } else {
                        options += try expand(trimmed)
                    }
                }
                if !singles.isEmpty { options.insert([try slot(singles.joined(separator: "|"))], at: 0) }
                if optional { options.append([]) }
            } else {
                options = [[try slot(part)]]
            }
            var next: [[Slot]] = []
            for prefix in variants { for option in options { next.append(prefix + option) } }
            guard next.count <= maxVariants else { throw SyntaxError(message: "more than \(maxVariants) expansions") }
            variants = next
        }
        return variants
    }

    static func topLevelAlternatives(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "|" && depth == 0 {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }

    static func slot(_ part: String) throws(SyntaxError) -> Slot {
        if part == "*" { return .any }
        if part.hasPrefix("*") {
            guard let max = Int(part.dropFirst()), (1...8).contains(max) else {
                throw SyntaxError(message: "'\(part)': a gap is * (one word) or *1 … *8")
            }
            return .gap(max: max, wordClass: nil)
        }
        if part.hasPrefix("@"), let star = part.firstIndex(of: "*") {
            let name = String(part[part.index(after: part.startIndex)..<star])
            guard let max = Int(part[part.index(after: star)...]), (1...8).contains(max), !name.isEmpty else {
                throw SyntaxError(message: "'\(part)': a class gap is @class*1 … @class*8")
            }
            return .gap(max: max, wordClass: name)
        }
        var body = Substring(part)
        var optional = false
        if body.hasSuffix("?") {
            optional = true
            body = body.dropLast()
        }
        var items: [Item] = []
        for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
            guard !alternative.isEmpty else { throw SyntaxError(message: "'\(part)': empty alternative") }
            switch alternative {
            case "#num": items.append(.number)
            case "#money": items.append(.money)
            case "#percent": items.append(.percent)
            default:
                if alternative.hasPrefix("@") {
                    let name = String(alternative.dropFirst())
                    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                        throw SyntaxError(message: "'\(alternative)': bad class name")
                    }
                    items.append(.wordClass(name))
                } else if alternative.hasPrefix("#") || alternative.contains("{") || alternative.contains("*") || alternative.contains("(") {
                    throw SyntaxError(message: "'\(alternative)': unknown slot (use #num, #money, #percent, @class, * or *N)")
                } else if alternative.hasSuffix("+") {
                    items.append(.word(String(alternative.dropLast()), inflect: true))
                } else {
                    items.append(.word(String(alternative), inflect: false))
                }
            }
        }
        return .one(items, optional: optional)
    }
}
