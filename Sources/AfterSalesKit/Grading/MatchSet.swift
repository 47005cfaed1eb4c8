/// Everything the lexicon found in one reply, after the guards: for each term (concept or shape) its matches,
/// each live, suppressed by an overlapping match of another concept ("sorry you feel that way" over "sorry"),
/// or negated by a negation in the same clause ("no refund", "refund is not possible").
public struct MatchSet: Sendable {
    public let text: NormalizedText
    public let tokens: [Token]
    var matches: [RawMatch]
    /// Term → index of its first match; `offsets[term + 1]` ends its range.
    var offsets: [Int]
    var state: [UInt8]

    static let live: UInt8 = 0
    static let suppressed: UInt8 = 1
    static let negated: UInt8 = 2

    /// `borrowing`: an initialiser takes its arguments owned by default, which made every reply copy the whole
    /// `Lexicon` (a retain and a release for each of its many arrays); a borrow reads the grader's own in place.
    public init(reply: String, lexicon: borrowing Lexicon) {
        let text = lexicon.normalizer.normalize(reply)
        let tokens = Tokenizer.tokenize(text, vocabulary: lexicon.vocabulary, config: lexicon.tokenizerConfig)
        var raw: [RawMatch] = []
        raw.reserveCapacity(64)
        lexicon.findPhrases(tokens, into: &raw)
        // Each rule is called in place through a pointer: an indexed read copied the rule (and retained its lists).
        lexicon.shapes.withUnsafeBufferPointer { shapes in
            guard let base = shapes.baseAddress else { return }
            for index in shapes.indices { (base + index).pointee.scan(text, tokens, lexicon.vocabulary, into: &raw) }
        }
        lexicon.classifiers.scan(tokens, into: &raw)

        // Group by term; within a term keep only maximal matches (drop any contained in another).
        raw = MatchSet.grouped(raw, termCount: lexicon.names.count)
        var kept: [RawMatch] = []
        kept.reserveCapacity(raw.count)
        var offsets = Array(repeating: 0, count: lexicon.names.count + 1)
        var currentTerm: Int32 = -1
        var maxEnd: Int32 = -1
        for match in raw {
            if match.term != currentTerm {
                currentTerm = match.term
                maxEnd = -1
            }
            if match.end <= maxEnd { continue }
            maxEnd = match.end
            kept.append(match)
            offsets[Int(match.term) + 1] += 1
        }
        for t in 0..<lexicon.names.count { offsets[t + 1] += offsets[t] }

        self.text = text
        self.tokens = tokens
        self.matches = kept
        self.offsets = offsets
        self.state = Array(repeating: MatchSet.live, count: kept.count)
        applyGuards(lexicon)
    }

    /// The matches in the order of a stable sort by (term, start, longer first): counted into one group per term, then
    /// each group, a few matches at most, put in order by insertion. A general sort compared every pair of the whole list.
    /// Matches equal in all three keep their order, as they did in the stable sort (the first of them is the one kept).
    static func grouped(_ raw: [RawMatch], termCount: Int) -> [RawMatch] {
        guard raw.count > 1, raw.allSatisfy({ $0.term >= 0 && Int($0.term) < termCount }) else {
            return raw.sorted { ($0.term, $0.start, -$0.end) < ($1.term, $1.start, -$1.end) }
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: termCount + 1) { next in
            next.initialize(repeating: 0)
            for match in raw { next[Int(match.term) + 1] += 1 }
            for t in 0..<termCount { next[t + 1] += next[t] }
            return [RawMatch](unsafeUninitializedCapacity: raw.count) { out, count in
                for match in raw {
                    (out.baseAddress! + next[Int(match.term)]).initialize(to: match)
                    next[Int(match.term)] += 1
                }
                count = raw.count
                // `next[t]` is now where term t's group ends, and the group starts where term t - 1's ends.
                var start = 0
                for t in 0..<termCount {
                    let end = next[t]
                    if end - start > 1 {
                        for j in (start + 1)..<end {
                            let x = out[j]
                            var k = j
                            while k > start && (x.start, -x.end) < (out[k - 1].start, -out[k - 1].end) {
                                out[k] = out[k - 1]
                                k -= 1
                            }
                            out[k] = x
                        }
                    }
                    start = end
                }
            }
        }
    }

    private mutating func applyGuards(_ lexicon: Lexicon) {
        for term in lexicon.guardOrder {
            let range = offsets[term]..<offsets[term + 1]
            guard !range.isEmpty else { continue }
            let suppressors = lexicon.suppressedBy[term]
            for k in range where state[k] == MatchSet.live {
                let m = matches[k]
                for s in suppressors where anyLive(s, where: { $0.start < m.end && m.start < $0.end }) {
                    state[k] = MatchSet.suppressed
                    break
                }
                guard state[k] == MatchSet.live, lexicon.negatable[term] else { continue }
                if isNegated(m, lexicon) { state[k] = MatchSet.negated }
            }
        }
    }

    private func isNegated(_ m: RawMatch, _ lexicon: Lexicon) -> Bool {
        guard Int(m.first) < tokens.count else { return false }
        let firstClause = tokens[Int(m.first)].clause
        let lastClause = tokens[max(Int(m.first), Int(m.last) - 1)].clause
        if let before = lexicon.negatorBefore {
            let hit = anyLive(before) { n in
                n.last <= m.first && m.first - n.last <= Int32(lexicon.windowBefore)
                    && Int(n.last) > 0 && tokens[Int(n.last) - 1].clause == firstClause
            }
            if hit { return true }
        }
        if let after = lexicon.negatorAfter {
            let hit = anyLive(after) { n in
                n.first >= m.last && n.first - m.last <= Int32(lexicon.windowAfter)
                    && Int(n.first) < tokens.count && tokens[Int(n.first)].clause == lastClause
            }
            if hit { return true }
        }
        return false
    }

    // MARK: reading

    @inline(__always)
    func anyLive(_ term: Int, where predicate: (RawMatch) -> Bool = { _ in true }) -> Bool {
        for k in offsets[term]..<offsets[term + 1] where state[k] == MatchSet.live && predicate(matches[k]) { return true }
        return false
    }

    public func hasLive(_ term: Int) -> Bool { anyLive(term) }

    func hasNegated(_ term: Int) -> Bool {
        for k in offsets[term]..<offsets[term + 1] where state[k] == MatchSet.negated { return true }
        return false
    }

    func live(_ term: Int) -> [RawMatch] { matches(of: term, in: MatchSet.live) }

    func negatedMatches(_ term: Int) -> [RawMatch] { matches(of: term, in: MatchSet.negated) }

    /// Appends one term's live or negated matches, in order, to `evidence`: no array in between.
    func append(_ term: Int, negated: Bool, to evidence: inout [RawMatch]) {
        append(term, in: negated ? MatchSet.negated : MatchSet.live, to: &evidence)
    }

    private func append(_ term: Int, in wanted: UInt8, to evidence: inout [RawMatch]) {
        for k in offsets[term]..<offsets[term + 1] where state[k] == wanted { evidence.append(matches[k]) }
    }

    /// One term's matches in one state, in order: one pass and one array (no index list in between), and none at all
    /// when the term has no match, the common case.
    private func matches(of term: Int, in wanted: UInt8) -> [RawMatch] {
        let count = offsets[term + 1] - offsets[term]
        guard count > 0 else { return [] }
        var result: [RawMatch] = []
        result.reserveCapacity(count)
        append(term, in: wanted, to: &result)
        return result
    }

    /// The sentence a match belongs to (that of its first token).
    func sentence(of match: RawMatch) -> Int32 {
        if Int(match.first) < tokens.count { return tokens[Int(match.first)].sentence }
        return tokens.last?.sentence ?? 0
    }

    /// Evidence for a match: original code-point offsets and the trainee's own words.
    public func evidence(start: Int32, end: Int32) -> Evidence {
        let range = text.originalRange(Int(start)..<Int(end))
        return Evidence(start: range.lowerBound, end: range.upperBound, text: text.quote(normalized: Int(start)..<Int(end)))
    }

    func evidence(_ match: RawMatch) -> Evidence { evidence(start: match.start, end: match.end) }

    /// For tests and `explain`: the live matches of a term as quoted text.
    public func liveTexts(_ name: String, lexicon: Lexicon) -> [String] {
        guard let term = lexicon.term(name) else { return [] }
        return live(term).map { evidence($0).text }
    }

    public func negatedTexts(_ name: String, lexicon: Lexicon) -> [String] {
        guard let term = lexicon.term(name) else { return [] }
        return negatedMatches(term).map { evidence($0).text }
    }
}
