import Foundation

/// A compiled rubric: criteria with weights and violations with penalties, each bound to a rule and made of
/// detector clauses whose terms are already resolved to lexicon ids.
/// A class (immutable once built) so grading shares it instead of copying it for every reply.
public final class Rubric: Sendable {
    public let id: String
    public let title: Localized
    public let contextDefaults: [String: String]
    public let criticalCap: Double
    public let criteria: [Criterion]
    public let violations: [Violation]
    public let goodAll: [Int]
    public let goodAny: [Int]
    public let floor: [Reference]
    /// Every scenario variable a detector refers to, and the exact/loose references themselves.
    public let variables: [String]
    public let variableTerms: [Term]

    init(id: String, title: Localized, contextDefaults: [String: String], criticalCap: Double, criteria: [Criterion],
         violations: [Violation], goodAll: [Int], goodAny: [Int], floor: [Reference], variables: [String], variableTerms: [Term]) {
        self.id = id
        self.title = title
        self.contextDefaults = contextDefaults
        self.criticalCap = criticalCap
        self.criteria = criteria
        self.violations = violations
        self.goodAll = goodAll
        self.goodAny = goodAny
        self.floor = floor
        self.variables = variables
        self.variableTerms = variableTerms
    }

    public struct Criterion: Sendable {
        public var id: String
        public var rule: String
        public var weight: Double
        public var applies: Applies
        public var detect: [Clause]
        public var fix: Localized
    }

    public struct Violation: Sendable {
        public var id: String
        public var rule: String
        public var critical: Bool
        public var penalty: Double
        public var applies: Applies
        public var detect: [Clause]
        public var allow: Allow?
        public var hides: [String]
        public var fix: Localized
        /// Terms of which one must be live for `hides` to apply (none listed: always).
        public var hidesWhen: [Term] = []
    }

    /// A term of a detector: a lexicon concept or shape, or a scenario variable ("{order}", loosely "{product~}", as a
    /// name "{buyer^}").
    public enum Term: Sendable, Hashable {
        case lexicon(Int)
        case variable(String, match: VariableMatch)
    }

    /// How a scenario variable's value is looked for in a reply.
    public enum VariableMatch: Sendable, Hashable {
        /// The whole value, word for word.
        case exact
        /// `~`: any significant word of it (a product is "the blender", not "the Acme 5-speed blender").
        case loose
        /// `^`: a person's name: the whole value, or any one word of it written as a name. Order systems hold full
        /// names ("Henrik Dahl") and agents write "Hi Henrik" or "Dear Mr Dahl".
        case name
    }

    /// A gate reference: a criterion (by index) or a term.
    public enum Reference: Sendable, Hashable {
        case criterion(Int)
        case term(Term)
    }

    public struct Applies: Sendable {
        public var context: [(String, Set<String>)] = []
        public var contextNot: [(String, Set<String>)] = []
        public var varsAny: [String] = []
    }

    public struct Clause: Sendable {
        public var any: [Term] = []
        public var all: [Term] = []
        public var none: [Term] = []
        public var negated: [Term] = []
        public var sentence: [Term] = []
        public var window = 1
        public var met: [Int] = []
        public var unmet: [Int] = []
        public var context: [(String, Set<String>)] = []
    }

    public struct Allow: Sendable {
        public var context: [(String, Set<String>)] = []
        public var sentenceHas: [Term] = []
        public var sentenceLacks: [Term] = []
        public var met: [Int] = []
        public var atMost: Int = .max
    }

    /// Rule ids this rubric is bound to, in order, without repeats.
    public var rules: [String] {
        var seen = Set<String>()
        return (criteria.map(\.rule) + violations.map(\.rule)).filter { seen.insert($0).inserted }
    }
}

// MARK: - Compiling a rubric file

extension Rubric {
    /// Resolves names against the lexicon and the rubric's own criteria; every problem is a positioned diagnostic.
    static func compile(_ file: RubricFile, document: YAMLDocument, lexicon: Lexicon, knownRules: Set<String>?) -> (Rubric?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var variables = Set<String>()
        var variableTerms = Set<Term>()
        var criterionIndex: [String: Int] = [:]

        func at(_ path: [PathStep], _ code: DiagnosticCode, _ message: String) {
            problems.append(document.diagnostic(at: path, code: code, message))
        }
        func term(_ name: String, _ path: [PathStep]) -> Term? {
            if name.hasPrefix("{") && name.hasSuffix("}") {
                var inner = String(name.dropFirst().dropLast())
                var match = VariableMatch.exact
                if inner.hasSuffix("~") { match = .loose } else if inner.hasSuffix("^") { match = .name }
                if match != .exact { inner.removeLast() }
                guard !inner.isEmpty else {
                    at(path, .unknownVariable, "empty variable reference '\(name)'")
                    return nil
                }
                variables.insert(inner)
                variableTerms.insert(.variable(inner, match: match))
                return .variable(inner, match: match)
            }
            guard let id = lexicon.term(name) else {
                at(path, .unknownReference, "'\(name)' is not a concept or shape in Content/lexicon")
                return nil
            }
            return .lexicon(id)
        }
        func terms(_ names: [String]?, _ path: [PathStep]) -> [Term] {
            (names ?? []).enumerated().compactMap { term($0.element, path + [.index($0.offset)]) }
        }
        func criteria(_ names: [String]?, _ path: [PathStep]) -> [Int] {
            (names ?? []).enumerated().compactMap { offset, name in
                guard let index = criterionIndex[name] else {
                    at(path + [.index(offset)], .unknownReference, "'\(name)' is not a criterion defined above it in this rubric")
                    return nil
                }
                return index
            }
        }
        func pairs(_ map: [String: [String]]?) -> [(String, Set<String>)] {
            (map ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, Set($0.value)) }
        }
        func applies(_ spec: AppliesSpec?, _ path: [PathStep]) -> Applies {
            guard let spec else { return Applies() }
            return Applies(context: pairs(spec.context), contextNot: pairs(spec.context_not), varsAny: spec.vars_any ?? [])
        }
        func clauses(_ specs: [ClauseSpec], _ path: [PathStep]) -> [Clause] {
            if specs.isEmpty { at(path, .wrongType, "a detector needs at least one clause") }
            return specs.enumerated().map { i, spec in
                let p = path + [.index(i)]
                let clause = Clause(
                    any: terms(spec.any, p + [.key("any")]), all: terms(spec.all, p + [.key("all")]),
                    none: terms(spec.none, p + [.key("none")]), negated: terms(spec.negated, p + [.key("negated")]),
                    sentence: terms(spec.sentence, p + [.key("sentence")]), window: max(1, spec.window ?? 1),
                    met: criteria(spec.met, p + [.key("met")]), unmet: criteria(spec.unmet, p + [.key("unmet")]),
                    context: pairs(spec.context))
                let empty = [spec.any, spec.all, spec.none, spec.negated, spec.sentence, spec.met, spec.unmet].allSatisfy { ($0 ?? []).isEmpty }
                    && spec.context == nil
                if empty { at(p, .wrongType, "a clause needs one of any, all, none, negated, sentence, met, unmet, context") }
                return clause
            }
        }
        func rule(_ id: String, _ path: [PathStep]) {
            if let knownRules, !knownRules.contains(id) { at(path, .unknownRule, "rule '\(id)' is not defined in Content/rules.yaml") }
        }
        func fix(_ text: Localized, _ path: [PathStep]) {
            for language in text.missing { at(path, .missingTranslation, "fix has no \(language.rawValue) text") }
        }

        var compiledCriteria: [Criterion] = []
        for (i, spec) in file.criteria.enumerated() {
            let path: [PathStep] = [.key("criteria"), .index(i)]
            if criterionIndex[spec.id] != nil { at(path + [.key("id")], .duplicateID, "criterion '\(spec.id)' is listed twice") }
            if spec.weight < 0 { at(path + [.key("weight")], .scoreOutOfRange, "a weight cannot be negative") }
            rule(spec.rule, path + [.key("rule")])
            fix(spec.fix, path + [.key("fix")])
            let detect = clauses(spec.detect, path + [.key("detect")])
            compiledCriteria.append(Criterion(id: spec.id, rule: spec.rule, weight: spec.weight, applies: applies(spec.applies, path + [.key("applies")]),
                                              detect: detect, fix: spec.fix))
            criterionIndex[spec.id] = i
        }
        var compiledViolations: [Violation] = []
        var violationIDs = Set<String>()
        for (i, spec) in file.violations.enumerated() {
            let path: [PathStep] = [.key("violations"), .index(i)]
            if !violationIDs.insert(spec.id).inserted { at(path + [.key("id")], .duplicateID, "violation '\(spec.id)' is listed twice") }
            let critical = spec.critical ?? false
            let penalty = spec.penalty ?? 0
            if penalty < 0 || penalty > 100 { at(path + [.key("penalty")], .scoreOutOfRange, "a penalty is between 0 and 100") }
            if !critical && spec.penalty == nil { at(path, .wrongType, "a violation that is not critical needs a penalty") }
            rule(spec.rule, path + [.key("rule")])
            fix(spec.fix, path + [.key("fix")])
            var allow: Allow?
            if let a = spec.allow {
                let p = path + [.key("allow")]
                allow = Allow(context: pairs(a.context), sentenceHas: terms(a.sentence_has, p + [.key("sentence_has")]),
                              sentenceLacks: terms(a.sentence_lacks, p + [.key("sentence_lacks")]), met: criteria(a.met, p + [.key("met")]),
                              atMost: a.at_most ?? .max)
            }
            compiledViolations.append(Violation(
                id: spec.id, rule: spec.rule, critical: critical, penalty: penalty, applies: applies(spec.applies, path + [.key("applies")]),
                detect: clauses(spec.detect, path + [.key("detect")]), allow: allow, hides: spec.hides ?? [], fix: spec.fix,
                hidesWhen: terms(spec.hides_when, path + [.key("hides_when")])))
        }
        for (i, spec) in file.violations.enumerated() {
            for (k, hidden) in (spec.hides ?? []).enumerated() where !violationIDs.contains(hidden) {
                at([.key("violations"), .index(i), .key("hides"), .index(k)], .unknownReference, "'\(hidden)' is not a violation of this rubric")
            }
        }

        var goodAll: [Int] = [], goodAny: [Int] = []
        var floor: [Reference] = []
        if let good = file.gates?.good {
            goodAll = criteria(good.all, [.key("gates"), .key("good"), .key("all")])
            goodAny = criteria(good.any, [.key("gates"), .key("good"), .key("any")])
        }
        if let spec = file.gates?.floor {
            for (i, name) in spec.any.enumerated() {
                if let index = criterionIndex[name] {
                    floor.append(.criterion(index))
                } else if let t = term(name, [.key("gates"), .key("floor"), .key("any"), .index(i)]) {
                    floor.append(.term(t))
                }
            }
        }
        if compiledCriteria.reduce(0, { $0 + $1.weight }) <= 0 {
            at([.key("criteria")], .scoreOutOfRange, "the criteria weights add up to nothing")
        }
        let rubric = Rubric(
            id: file.id, title: file.title, contextDefaults: file.context_defaults ?? [:], criticalCap: file.critical_cap ?? 49,
            criteria: compiledCriteria, violations: compiledViolations, goodAll: goodAll, goodAny: goodAny, floor: floor,
            variables: variables.sorted(),
            variableTerms: variableTerms.sorted { "\($0)" < "\($1)" })
        return (rubric, problems)
    }
}
