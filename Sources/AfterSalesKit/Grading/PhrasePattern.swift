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

    public var slots: [Slot]

    public struct SyntaxError: Error, Sendable, Equatable { public var message: String }

    public static func parse(_ text: String) throws(SyntaxError) -> PhrasePattern {
        let parts = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !parts.isEmpty else { throw SyntaxError(message: "empty phrase") }
        var slots: [Slot] = []
        for part in parts {
            if part == "*" {
                slots.append(.any)
                continue
            }
            if part.hasPrefix("*") {
                guard let max = Int(part.dropFirst()), (1...8).contains(max) else {
                    throw SyntaxError(message: "'\(part)': a gap is * (one word) or *1 … *8")
                }
                slots.append(.gap(max: max, wordClass: nil))
                continue
            }
            if part.hasPrefix("@"), let star = part.firstIndex(of: "*") {
                let name = String(part[part.index(after: part.startIndex)..<star])
                guard let max = Int(part[part.index(after: star)...]), (1...8).contains(max), !name.isEmpty else {
                    throw SyntaxError(message: "'\(part)': a class gap is @class*1 … @class*8")
                }
                slots.append(.gap(max: max, wordClass: name))
                continue
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
                    } else if alternative.hasPrefix("#") || alternative.contains("{") || alternative.contains("*") {
                        throw SyntaxError(message: "'\(alternative)': unknown slot (use #num, #money, #percent, @class, * or *N)")
                    } else if alternative.hasSuffix("+") {
                        items.append(.word(String(alternative.dropLast()), inflect: true))
                    } else {
                        items.append(.word(String(alternative), inflect: false))
                    }
                }
            }
            slots.append(.one(items, optional: optional))
        }
        switch slots.first {
        case .gap?, .any?: throw SyntaxError(message: "a phrase cannot start with a gap or *")
        default: break
        }
        if case .gap = slots.last { throw SyntaxError(message: "a phrase cannot end with a gap") }
        if slots.allSatisfy({ if case .one(_, true) = $0 { return true } else { return false } }) {
            throw SyntaxError(message: "a phrase needs at least one required word")
        }
        return PhrasePattern(slots: slots)
    }
}
