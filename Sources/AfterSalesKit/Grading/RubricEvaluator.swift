import Foundation

/// Evaluates one rubric against one reply's matches: which criteria apply and are met, which violations fire,
/// with the evidence for each. Pure: the same matches, variables and context give the same findings.
final class RubricEvaluator {
    let rubric: Rubric
    let matches: MatchSet
    let variables: [String: String]
    let context: [String: String]
    /// Where each of the rubric's variable terms occurs, in the order of `rubric.variableTerms`: a rubric has only a
    /// few, so a linear search finds one faster than hashing its name in a dictionary built for every reply.
    private let variableMatches: [[RawMatch]]

    struct CriterionFinding {
        var applies: Bool
        var met: Bool
        var evidence: [RawMatch]
    }

    struct ViolationFinding {
        var index: Int
        var evidence: [RawMatch]
    }

    /// `lexicon` is borrowed, not copied (an initialiser's arguments are owned by default: a copy per reply).
    init(rubric: Rubric, lexicon: borrowing Lexicon, matches: MatchSet, variables: [String: String], context: [String: String],
         prepared: PreparedValues) {
        self.rubric = rubric
        self.matches = matches
        self.variables = variables
        var merged = rubric.contextDefaults
        for (key, value) in context { merged[key] = value }
        self.context = merged
        var found: [[RawMatch]] = []
        found.reserveCapacity(rubric.variableTerms.count)
        for term in rubric.variableTerms {
            guard case .variable(let name, let match) = term else {
                found.append([])
                continue
            }
            found.append(RubricEvaluator.findVariable(name, match, variables: variables, lexicon: lexicon, matches: matches, prepared: prepared))
        }
        self.variableMatches = found
    }

    /// The matches of a variable term; none for a term the rubric does not list (as a dictionary miss gave before).
    private func foundFor(variable term: Rubric.Term) -> [RawMatch] {
        let terms = rubric.variableTerms
        for index in terms.indices where terms[index] == term { return variableMatches[index] }
        return []
    }

    // MARK: terms

    private func live(_ term: Rubric.Term) -> [RawMatch] {
        switch term {
        case .lexicon(let id): return matches.live(id)
        case .variable: return foundFor(variable: term)
        }
    }

    private func appendLive(_ term: Rubric.Term, to evidence: inout [RawMatch]) {
        switch term {
        case .lexicon(let id): matches.append(id, negated: false, to: &evidence)
        case .variable: evidence += foundFor(variable: term)
        }
    }

    private func present(_ term: Rubric.Term) -> Bool {
        switch term {
        case .lexicon(let id): return matches.hasLive(id)
        case .variable: return !foundFor(variable: term).isEmpty
        }
    }

    /// Where a scenario variable's value appears in the reply (see `Rubric.VariableMatch`).
    private static func findVariable(_ name: String, _ match: Rubric.VariableMatch, variables: [String: String],
                                     lexicon: borrowing Lexicon, matches: MatchSet, prepared: PreparedValues) -> [RawMatch] {
        guard let value = variables[name], value.contains(where: { !$0.isWhitespace }) else { return [] }
        let preparedValue = prepared.prepared(value, lexicon: lexicon)
        let valueText = preparedValue.text
        let valueTokens = preparedValue.tokens
        guard !valueTokens.isEmpty else { return [] }
        let tokens = matches.tokens
        let bytes = matches.text.bytes
        func same(_ a: Token, _ b: Token) -> Bool {
            if a.id >= 0 || b.id >= 0 { return a.id == b.id }
            // Words of different lengths differ: said before two slices are made to compare their bytes.
            guard a.end - a.start == b.end - b.start else { return false }
            let x = valueText.bytes[Int(a.start)..<Int(a.end)]
            let y = bytes[Int(b.start)..<Int(b.end)]
            return x.elementsEqual(y)
        }
        var found: [RawMatch] = []
        if match == .loose || (match == .name && valueTokens.count > 1) {
            // Loosely, any significant word of the value; as a name, one word of it written as a name: capitalised,
            // unless no lexicon knows the word (a lower-case reply's "hi henrik"), so "I hope" is not the buyer Hope Lee.
            let asName = match == .name
            let words = valueTokens.filter { t in
                asName ? t.end - t.start >= 2 && !t.has(Token.number)
                    : t.end - t.start >= 4 && !t.has(Token.number) && !(t.id >= 0 && Lexicon.sortedContains(lexicon.stopwords, t.id))
            }
            for (i, token) in tokens.enumerated() where words.contains(where: { same($0, token) }) {
                if asName && !(token.id < 0 || token.has(Token.capitalized) || token.has(Token.allCaps)) { continue }
                found.append(RawMatch(term: -1, first: Int32(i), last: Int32(i + 1), start: token.start, end: token.end))
            }
        } else if tokens.count >= valueTokens.count {
            for i in 0...(tokens.count - valueTokens.count) {
                var ok = true
                for k in 0..<valueTokens.count where !same(valueTokens[k], tokens[i + k]) {
                    ok = false
                    break
                }
                if ok {
                    let last = i + valueTokens.count
                    found.append(RawMatch(term: -1, first: Int32(i), last: Int32(last), start: tokens[i].start, end: tokens[last - 1].end))
                }
            }
        }
        return found
    }

    // MARK: applicability and clauses

    func applies(_ spec: Rubric.Applies) -> Bool {
        for (key, values) in spec.context where !values.contains(context[key] ?? "") { return false }
        for (key, values) in spec.contextNot where values.contains(context[key] ?? "") { return false }
        if !spec.varsAny.isEmpty && !spec.varsAny.contains(where: { !(variables[$0] ?? "").isEmpty }) { return false }
        return true
    }

    private func contextHolds(_ pairs: [(String, Set<String>)]) -> Bool {
        pairs.allSatisfy { key, values in values.contains(context[key] ?? "") }
    }

    /// Whether one clause holds, and the matches that show it. Cheap presence checks come first, so a clause that
    /// does not hold allocates nothing.
    /// The clause is read through a pointer into the rubric's array: passing it by value copied the whole `Clause`
    /// (a retain and a release for each of its lists) for every clause of every reply, even an indexed read did, and
    /// most clauses fail on their first check; through `pointee` only the lists actually read are touched.
    private func evaluate(_ clause: UnsafePointer<Rubric.Clause>, criteria: [CriterionFinding]) -> (Bool, [RawMatch]) {
        if !clause.pointee.context.isEmpty && !contextHolds(clause.pointee.context) { return (false, []) }
        for index in clause.pointee.met where !(index < criteria.count && criteria[index].applies && criteria[index].met) { return (false, []) }
        for index in clause.pointee.unmet where index < criteria.count && (!criteria[index].applies || criteria[index].met) { return (false, []) }
        if !clause.pointee.any.isEmpty && !clause.pointee.any.contains(where: present) { return (false, []) }
        if !clause.pointee.all.isEmpty && !clause.pointee.all.allSatisfy(present) { return (false, []) }
        if !clause.pointee.none.isEmpty && clause.pointee.none.contains(where: present) { return (false, []) }
        if !clause.pointee.negated.isEmpty && !clause.pointee.negated.contains(where: hasNegated) { return (false, []) }
        if !clause.pointee.sentence.isEmpty && !clause.pointee.sentence.allSatisfy(present) { return (false, []) }

        // Straight into the evidence: a list per term, built only to be appended, was an allocation per term. Room for a
        // few matches up front: growing from empty reallocated at the first, second and fourth.
        var evidence: [RawMatch] = []
        evidence.reserveCapacity(8)
        for term in clause.pointee.any { appendLive(term, to: &evidence) }
        for term in clause.pointee.all { appendLive(term, to: &evidence) }
        for term in clause.pointee.negated {
            if case .lexicon(let id) = term { matches.append(id, negated: true, to: &evidence) }  // a variable is never negated
        }
        if !clause.pointee.sentence.isEmpty {
            let perTerm = clause.pointee.sentence.map(live)
            var hit: [RawMatch]?
            let candidates = Set(perTerm[0].map { matches.sentence(of: $0) }).sorted()
            for first in candidates {
                let window = first..<(first + Int32(clause.pointee.window))
                let inWindow = perTerm.map { $0.filter { window.contains(matches.sentence(of: $0)) } }
                if !inWindow.contains(where: \.isEmpty) {
                    hit = inWindow.flatMap { $0 }
                    break
                }
            }
            guard let hit else { return (false, []) }
            evidence += hit
        }
        return (true, evidence)
    }

    private func hasNegated(_ term: Rubric.Term) -> Bool {
        switch term {
        case .lexicon(let id): return matches.hasNegated(id)
        case .variable: return false
        }
    }

    /// Clauses are read in place (see `evaluate`).
    private func fires(_ clauses: [Rubric.Clause], criteria: [CriterionFinding]) -> (Bool, [RawMatch]) {
        var fired = false
        var evidence: [RawMatch] = []
        clauses.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                let (holds, found) = evaluate(base + index, criteria: criteria)
                if holds {
                    fired = true
                    if evidence.isEmpty { evidence = found } else { evidence += found }  // the first clause's list as it is
                }
            }
        }
        return (fired, evidence)
    }

    // MARK: the rubric

    func evaluateCriteria() -> [CriterionFinding] {
        var findings: [CriterionFinding] = []
        findings.reserveCapacity(rubric.criteria.count)
        for index in rubric.criteria.indices {
            guard applies(rubric.criteria[index].applies) else {
                findings.append(CriterionFinding(applies: false, met: false, evidence: []))
                continue
            }
            let (met, evidence) = fires(rubric.criteria[index].detect, criteria: findings)
            findings.append(CriterionFinding(applies: true, met: met, evidence: evidence))
        }
        return findings
    }

    func evaluateViolations(criteria: [CriterionFinding]) -> [ViolationFinding] {
        var fired: [ViolationFinding] = []
        for index in rubric.violations.indices where applies(rubric.violations[index].applies) {
            let (holds, evidence) = fires(rubric.violations[index].detect, criteria: criteria)
            guard holds else { continue }
            if rubric.violations[index].allow != nil, isAllowed(evidence, rubric.violations[index].allow!, criteria: criteria) { continue }
            fired.append(ViolationFinding(index: index, evidence: evidence))
        }
        guard fired.contains(where: { !rubric.violations[$0.index].hides.isEmpty }) else { return fired }
        let hiding = fired.filter { finding in
            let violation = rubric.violations[finding.index]
            return violation.hidesWhen.isEmpty || violation.hidesWhen.contains(where: present)
        }
        let hidden = Set(hiding.flatMap { rubric.violations[$0.index].hides })
        return fired.filter { !hidden.contains(rubric.violations[$0.index].id) }
    }

    private func isAllowed(_ evidence: [RawMatch], _ allow: Rubric.Allow, criteria: [CriterionFinding]) -> Bool {
        guard contextHolds(allow.context) else { return false }
        for index in allow.met where !(criteria[index].applies && criteria[index].met) { return false }
        let sentences = Set(evidence.map { matches.sentence(of: $0) })
        guard !sentences.isEmpty, sentences.count <= allow.atMost else { return false }
        for sentence in sentences {
            for term in allow.sentenceHas where !live(term).contains(where: { matches.sentence(of: $0) == sentence }) { return false }
            for term in allow.sentenceLacks where live(term).contains(where: { matches.sentence(of: $0) == sentence }) { return false }
        }
        return true
    }

    /// Whether a gate reference holds: a met, applicable criterion or a present term.
    func holds(_ reference: Rubric.Reference, criteria: [CriterionFinding]) -> Bool {
        switch reference {
        case .criterion(let index): return criteria[index].applies && criteria[index].met
        case .term(let term): return present(term)
        }
    }

    /// Evidence as quoted spans, in reading order, without overlaps, at most `limit`.
    /// Room for all the quotes is reserved up front (growing one by one reallocated at nearly every quote), and a single
    /// match needs no sorted copy.
    func quotes(_ found: [RawMatch], limit: Int = 3) -> [Evidence] {
        var result: [Evidence] = []
        result.reserveCapacity(min(limit, found.count))
        var lastEnd: Int32 = -1
        let ordered = found.count < 2 ? found : found.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) })
        for match in ordered where match.start >= lastEnd {
            result.append(matches.evidence(match))
            lastEnd = match.end
            if result.count == limit { break }
        }
        return result
    }
}
