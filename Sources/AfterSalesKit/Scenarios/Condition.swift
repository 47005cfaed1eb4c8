/// A branch condition such as `grade >= 70 and not fired(blame_buyer)` or `mood > 60 or clock >= 48h`.
///
/// Names: `mood`, `clock` (hours since the start), `score`, `grade` (last reply, 0–100), `visits(node)`,
/// `chose(choice-id)`, `fired(violation)` and `met(criterion)` for the last reply, `followed(rule)`, `broke(rule)`.
public indirect enum Condition: Sendable, Equatable {
    case number(Double)
    case name(String)
    case call(String, String)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case compare(Condition, Comparison, Condition)

    public enum Comparison: String, Sendable { case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "==", ne = "!=" }

    public static let names: Set<String> = ["mood", "clock", "score", "grade", "hints"]
    public static let functions: Set<String> = ["visits", "chose", "fired", "met", "followed", "broke"]

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func parse(_ text: String) throws(ParseError) -> Condition {
        var parser = ConditionParser(tokens: try ConditionParser.tokenize(text))
        let condition = try parser.parseOr()
        guard parser.atEnd else { throw ParseError(message: "unexpected '\(parser.peek ?? "")' in '\(text)'") }
        return condition
    }

    /// Every `(function, argument)` call, for the linter to check the arguments exist.
    public var calls: [(String, String)] {
        switch self {
        case .number, .name: return []
        case .call(let f, let a): return [(f, a)]
        case .not(let c): return c.calls
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): return a.calls + b.calls
        }
    }

    public func isTrue(in context: ConditionContext) -> Bool { value(in: context) != 0 }

    func value(in context: ConditionContext) -> Double {
        switch self {
        case .number(let n): return n
        case .name(let name): return context.value(of: name)
        case .call(let f, let a): return context.call(f, a)
        case .not(let c): return c.isTrue(in: context) ? 0 : 1
        case .and(let a, let b): return a.isTrue(in: context) && b.isTrue(in: context) ? 1 : 0
        case .or(let a, let b): return a.isTrue(in: context) || b.isTrue(in: context) ? 1 : 0
        case .compare(let a, let op, let b):
            let (x, y) = (a.value(in: context), b.value(in: context))
            let result: Bool
            switch op {
            case .lt: result = x < y
            case .le: result = x <= y
            case .gt: result = x > y
            case .ge: result = x >= y
            case .eq: result = x == y
            case .ne: result = x != y
            }
            return result ? 1 : 0
        }
    }
}

/// What a condition can ask about the run.
public protocol ConditionContext {
    func value(of name: String) -> Double
    func call(_ function: String, _ argument: String) -> Double
}

private struct ConditionParser {
    var tokens: [String]
    var position = 0

    var atEnd: Bool { position >= tokens.count }
    var peek: String? { atEnd ? nil : tokens[position] }

    mutating func next() -> String? {
        defer { position += 1 }
        return peek
    }

    static func tokenize(_ text: String) throws(Condition.ParseError) -> [String] {
        var tokens: [String] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace { chars = chars.dropFirst(); continue }
            if "()".contains(c) { tokens.append(String(c)); chars = chars.dropFirst(); continue }
            if "<>=!".contains(c) {
                if chars.count > 1, chars[chars.startIndex + 1] == "=" {
                    tokens.append(String(chars.prefix(2))); chars = chars.dropFirst(2)
                } else if c == "<" || c == ">" {
                    tokens.append(String(c)); chars = chars.dropFirst()
                } else {
                    throw Condition.ParseError(message: "'\(c)' must be followed by '=' in '\(text)'")
                }
                continue
            }
            if c.isLetter || c.isNumber || "_-.".contains(c) {
                let word = chars.prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }
                tokens.append(String(word))
                chars = chars.dropFirst(word.count)
                continue
            }
            throw Condition.ParseError(message: "unexpected character '\(c)' in '\(text)'")
        }
        if tokens.isEmpty { throw Condition.ParseError(message: "empty condition") }
        return tokens
    }

    mutating func parseOr() throws(Condition.ParseError) -> Condition {
        var left = try parseAnd()
        while peek == "or" { _ = next(); left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(Condition.ParseError) -> Condition {
        var left = try parseNot()
        while peek == "and" { _ = next(); left = .and(left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws(Condition.ParseError) -> Condition {
        if peek == "not" { _ = next(); return .not(try parseNot()) }
        return try parseComparison()
    }

    mutating func parseComparison() throws(Condition.ParseError) -> Condition {
        let left = try parseAtom()
        if let token = peek, let op = Condition.Comparison(rawValue: token) {
            _ = next()
            return .compare(left, op, try parseAtom())
        }
        return left
    }

    mutating func parseAtom() throws(Condition.ParseError) -> Condition {
        guard let token = next() else { throw Condition.ParseError(message: "condition ends too early") }
        if token == "(" {
            let inner = try parseOr()
            guard next() == ")" else { throw Condition.ParseError(message: "missing ')'") }
            return inner
        }
        if let hours = Hours.parse(token), token.first?.isNumber == true { return .number(hours.value) }
        guard token.first?.isLetter == true else { throw Condition.ParseError(message: "unexpected '\(token)'") }
        if peek == "(" {
            guard Condition.functions.contains(token) else { throw Condition.ParseError(message: "unknown function '\(token)'") }
            _ = next()
            guard let argument = next(), argument != ")" else { throw Condition.ParseError(message: "\(token)() needs an argument") }
            guard next() == ")" else { throw Condition.ParseError(message: "missing ')' after \(token)(\(argument)") }
            return .call(token, argument)
        }
        guard Condition.names.contains(token) else { throw Condition.ParseError(message: "unknown name '\(token)'") }
        return .name(token)
    }
}
