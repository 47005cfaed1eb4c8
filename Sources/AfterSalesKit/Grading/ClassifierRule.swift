import Foundation  // log

/// A detector learned from the labelled corpus rather than written as phrases: a logistic model over the reply's
/// words and word pairs (within a sentence, with the sentence start as a word of its own). Phrase lists catch what
/// their authors foresaw; tone is worded differently by every writer, and a model weighs many small cues at once.
///
/// The weights are data (`classifiers:` in `Content/lexicon/`, written by `Tools/train-tone-model.py` from the corpus
/// as the grader tokenises it); the engine only adds them up. A reply fires when `bias + Σ weight` over all its words
/// reaches the logit of `threshold` (every occurrence of a feature counts, as in training) *and* one of its sentences
/// carries at least `min_evidence` of weight: the model also learns that polite replies are long and apologetic, and
/// without the second test a short, plain reply would read as hostile for the politeness it lacks. A sentence's
/// weight is its positive weights (`evidence: positive`, the default) or all of them (`evidence: net`): then a
/// mitigating word in the same sentence ("happy to", "I can still") counts against it, so a firm sentence that also
/// offers help is not evidence; the training script picks the measure that holds up better on batches left out.
/// That sentence is the evidence, so the trainee sees which of their sentences read that way.
struct ClassifierRule: Sendable {
    struct SpecError: Error {
        var path: [PathStep]
        var message: String
    }

    /// The word that stands for a sentence's start in a feature ("<s> sure": a sentence opening with "sure").
    static let sentenceStart = "<s>"

    enum Feature: Hashable {
        case word(String), opening(String), pair(String, String)
    }

    let term: Int
    let bias: Float
    /// The score at which the reply fires: the logit of the spec's probability threshold.
    let cutoff: Float
    /// The weight one sentence must carry for the reply to fire.
    let minEvidence: Float
    /// Whether a sentence's weight counts its negative weights too (`evidence: net`) or only its positive ones.
    let netEvidence: Bool
    /// Replies shorter than this are not read: the corpus the weights come from has none (a one-line reply lacks the
    /// greeting and apology the model learned to expect, and would read as hostile for it).
    let minWords: Int

    /// The rule and its weights, which only `Classifiers` reads, to build its shared table: the rule it keeps holds
    /// no strings.
    static func parse(term: Int, spec: ClassifierSpec) throws(SpecError) -> (rule: ClassifierRule, weights: [(Feature, Float)]) {
        (try ClassifierRule(term: term, spec: spec), try weights(spec))
    }

    private init(term: Int, spec: ClassifierSpec) throws(SpecError) {
        guard spec.threshold > 0, spec.threshold < 1 else {
            throw SpecError(path: [.key("threshold")], message: "a threshold is a probability between 0 and 1")
        }
        switch spec.evidence ?? "positive" {
        case "positive": netEvidence = false
        case "net": netEvidence = true
        default:
            throw SpecError(path: [.key("evidence")], message: "evidence is 'positive' (a sentence's positive weights) or 'net' (all its weights)")
        }
        self.term = term
        bias = Float(spec.bias)
        cutoff = Float(log(spec.threshold / (1 - spec.threshold)))
        minEvidence = Float(spec.min_evidence ?? 0)
        minWords = spec.min_words ?? 0
    }

    private static func weights(_ spec: ClassifierSpec) throws(SpecError) -> [(Feature, Float)] {
        var weights: [(Feature, Float)] = []
        for line in spec.weights.split(separator: "\n") {
            var words = line.split(separator: " ").map(String.init)
            if words.isEmpty { continue }
            guard let weight = Double(words.removeLast()), weight.isFinite else {
                throw SpecError(path: [.key("weights")], message: "'\(line)': a line is a feature and its weight (\"if you 0.83\")")
            }
            guard (1...2).contains(words.count), words.dropFirst().allSatisfy({ $0 != Self.sentenceStart }) else {
                throw SpecError(path: [.key("weights")], message: "'\(line)': a feature is one word or two (\"<s> word\" for a sentence's first word)")
            }
            if words.count == 1 {
                guard words[0] != Self.sentenceStart else {
                    throw SpecError(path: [.key("weights")], message: "'\(line)': \"<s>\" needs the word that opens the sentence")
                }
                weights.append((.word(words[0]), Float(weight)))
            } else if words[0] == Self.sentenceStart {
                weights.append((.opening(words[1]), Float(weight)))
            } else {
                weights.append((.pair(words[0], words[1]), Float(weight)))
            }
        }
        return weights
    }
}

/// All classifiers of a lexicon over one feature table: a word, a sentence opening or a pair is looked up once per
/// token and gives a row with one weight per classifier, so three models cost about what one does.
/// A class, immutable once built, like `ShapeRule`: every reply runs it.
final class Classifiers: Sendable {
    let rules: [ClassifierRule]
    /// Row of a word (by vocabulary id), of a word opening a sentence, and of a pair; -1 when it has none.
    let wordRow: [Int32]
    let openingRow: [Int32]
    let pairRow: PairRows
    /// `rules.count` weights per row.
    let weights: [Float]
    /// Per rule, whether its sentences weigh all their weights (`evidence: net`); read per token, so kept apart.
    let netEvidence: [Bool]
    /// The fewest words any classifier reads: a shorter reply is not scanned at all.
    let fewestWords: Int

    /// None: a lexicon without classifiers.
    convenience init() {
        var vocabulary = Vocabulary()
        self.init([], vocabulary: &vocabulary)
    }

    /// Builds the table from each rule with its weights (see `ClassifierRule.parse`), and interns the models' words into
    /// `vocabulary` (a word no lexicon knows would otherwise read as unknown).
    init(_ parsed: [(rule: ClassifierRule, weights: [(ClassifierRule.Feature, Float)])], vocabulary: inout Vocabulary) {
        let width = parsed.count
        var rows: [ClassifierRule.Feature: Int32] = [:]
        var weights: [Float] = []
        var words: [(Int32, Int32)] = [], openings: [(Int32, Int32)] = [], pairs: [(UInt64, Int32)] = []
        for (column, model) in parsed.enumerated() {
            for (feature, weight) in model.weights {
                let row: Int32
                if let known = rows[feature] {
                    row = known
                } else {
                    row = Int32(rows.count)
                    rows[feature] = row
                    weights += Array(repeating: 0, count: width)
                    switch feature {
                    case .word(let word): words.append((vocabulary.intern(word), row))
                    case .opening(let word): openings.append((vocabulary.intern(word), row))
                    case .pair(let first, let second):
                        pairs.append((PairRows.key(vocabulary.intern(first), vocabulary.intern(second)), row))
                    }
                }
                weights[Int(row) * width + column] += weight
            }
        }
        func table(_ entries: [(Int32, Int32)]) -> [Int32] {
            var table = Array(repeating: Int32(-1), count: Int(entries.map(\.0).max() ?? -1) + 1)
            for (id, row) in entries { table[Int(id)] = row }
            return table
        }
        rules = parsed.map(\.rule)
        netEvidence = rules.map(\.netEvidence)
        wordRow = table(words)
        openingRow = table(openings)
        pairRow = PairRows(pairs)
        self.weights = weights
        fewestWords = parsed.map(\.rule.minWords).min() ?? 0
    }

    func scan(_ tokens: [Token], into matches: inout [RawMatch]) {
        let width = rules.count
        guard width > 0, !tokens.isEmpty, tokens.count >= fewestWords else { return }
        // Per classifier: the running total, the open sentence's positive weight, and the best sentence so far, in one
        // stack buffer (this runs for every reply; six small arrays were six allocations).
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * width) { floats in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { spans in
                for k in 0..<width {
                    floats[k] = rules[k].bias
                    floats[width + k] = 0
                    floats[2 * width + k] = 0
                    spans[k] = -1
                    spans[width + k] = -1
                }
                var first = 0
                func closeSentence(last: Int) {
                    for k in 0..<width {
                        if floats[width + k] > floats[2 * width + k] {
                            floats[2 * width + k] = floats[width + k]
                            spans[k] = first
                            spans[width + k] = last
                        }
                        floats[width + k] = 0
                    }
                }
                weights.withUnsafeBufferPointer { weights in
                    for (i, token) in tokens.enumerated() {
                        let opens = i == 0 || tokens[i - 1].sentence != token.sentence
                        if opens {
                            if i > 0 { closeSentence(last: i - 1) }
                            first = i
                        }
                        let word = Self.row(wordRow, token.id)
                        let context = opens ? Self.row(openingRow, token.id)
                            : token.id >= 0 && tokens[i - 1].id >= 0 ? pairRow[tokens[i - 1].id, token.id] : -1
                        if word < 0 && context < 0 { continue }
                        for k in 0..<width {
                            let a = word >= 0 ? weights[Int(word) * width + k] : 0
                            let b = context >= 0 ? weights[Int(context) * width + k] : 0
                            floats[k] += a + b
                            floats[width + k] += netEvidence[k] ? a + b : max(a, 0) + max(b, 0)
                        }
                    }
                }
                closeSentence(last: tokens.count - 1)
                for (k, rule) in rules.enumerated() {
                    let bestFirst = spans[k], bestLast = spans[width + k]
                    guard tokens.count >= rule.minWords, floats[k] >= rule.cutoff, floats[2 * width + k] >= rule.minEvidence,
                          bestFirst >= 0 else { continue }
                    matches.append(RawMatch(term: Int32(rule.term), first: Int32(bestFirst), last: Int32(bestLast + 1),
                                            start: tokens[bestFirst].start, end: tokens[bestLast].end))
                }
            }
        }
    }

    @inline(__always) static func row(_ table: [Int32], _ id: Int32) -> Int32 {
        id >= 0 && Int(id) < table.count ? table[Int(id)] : -1
    }
}

extension Lexicon {
    /// Sentences as the classifier reads them: each token's vocabulary word (a rewrite's words, a known word's
    /// spelling) or, for a word no lexicon knows, its normalised text. Used to train the weights on exactly these words.
    public func sentenceWords(_ reply: String) -> [[String]] {
        let text = normalizer.normalize(reply)
        let tokens = Tokenizer.tokenize(text, vocabulary: vocabulary, config: tokenizerConfig)
        var sentences: [[String]] = []
        var current: Int32 = -1
        for token in tokens {
            if token.sentence != current || sentences.isEmpty {
                sentences.append([])
                current = token.sentence
            }
            let word = token.id >= 0 ? vocabulary.words[Int(token.id)]
                : String(decoding: text.bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
            sentences[sentences.count - 1].append(word)
        }
        return sentences
    }
}

/// Rows of word pairs in an open-addressing table keyed by both ids: a pair lookup per word of every reply, so no
/// hashing of strings and no `Dictionary` overhead.
struct PairRows: Sendable {
    private var keys: [UInt64]
    private var rows: [Int32]
    private let mask: Int
    private static let empty = UInt64.max

    static func key(_ first: Int32, _ second: Int32) -> UInt64 { UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second)) }

    init(_ entries: [(UInt64, Int32)]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        rows = Array(repeating: -1, count: size)
        mask = size - 1
        for (key, row) in entries {
            var slot = Self.slot(key, mask)
            while keys[slot] != Self.empty && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            rows[slot] = row
        }
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    subscript(first: Int32, second: Int32) -> Int32 {
        let key = Self.key(first, second)
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == key { return rows[slot] }
            if stored == Self.empty { return -1 }
            slot = (slot + 1) & mask
        }
    }
}
