import Foundation  // log

/// A detector learned from the labelled corpus rather than written as phrases: a logistic model over the reply's
/// words and word pairs (within a sentence, with the sentence start as a word of its own). Phrase lists catch what
/// their authors foresaw; tone is worded differently by every writer, and a model weighs many small cues at once.
///
/// The weights are data (`classifiers:` in `Content/lexicon/`, written by `Tools/train-tone-model.py` from the corpus
/// as the grader tokenises it); the engine only adds them up. A reply fires when `bias + Σ weight` over all its words
/// reaches the logit of `threshold` (every occurrence of a feature counts, as in training) *and* one of its sentences
/// carries at least `min_evidence` of positive weight: the model also learns that polite replies are long and
/// apologetic, and without the second test a short, plain reply would read as hostile for the politeness it lacks.
/// That sentence is the evidence, so the trainee sees which of their sentences read that way.
/// A class, immutable once built, like `ShapeRule`: every reply runs every rule.
final class ClassifierRule: Sendable {
    struct SpecError: Error {
        var path: [PathStep]
        var message: String
    }

    /// The word that stands for a sentence's start in a feature ("<s> sure": a sentence opening with "sure").
    static let sentenceStart = "<s>"

    let term: Int
    let bias: Float
    /// The score at which the reply fires: the logit of the spec's probability threshold.
    let cutoff: Float
    /// The positive weight one sentence must carry for the reply to fire.
    let minEvidence: Float
    /// Replies shorter than this are not read: the corpus the weights come from has none (a one-line reply lacks the
    /// greeting and apology the model learned to expect, and would read as hostile for it).
    let minWords: Int
    /// Weight of a word by vocabulary id, and of a word opening a sentence.
    let single: [Float]
    let opening: [Float]
    let pairs: PairWeights

    /// Interns the model's words into `vocabulary` (a word no lexicon knows would otherwise read as unknown).
    init(term: Int, spec: ClassifierSpec, vocabulary: inout Vocabulary) throws(SpecError) {
        guard spec.threshold > 0, spec.threshold < 1 else {
            throw SpecError(path: [.key("threshold")], message: "a threshold is a probability between 0 and 1")
        }
        self.term = term
        bias = Float(spec.bias)
        cutoff = Float(log(spec.threshold / (1 - spec.threshold)))
        minEvidence = Float(spec.min_evidence ?? 0)
        minWords = spec.min_words ?? 0
        var single: [(Int32, Float)] = []
        var opening: [(Int32, Float)] = []
        var pairs: [(UInt64, Float)] = []
        for (feature, weight) in spec.weights.sorted(by: { $0.key < $1.key }) {
            let words = feature.split(separator: " ").map(String.init)
            guard (1...2).contains(words.count), words.allSatisfy({ !$0.isEmpty }), words.dropFirst().allSatisfy({ $0 != Self.sentenceStart }) else {
                throw SpecError(path: [.key("weights"), .key(feature)], message: "a feature is one word or two (\"<s> word\" for a sentence's first word)")
            }
            if words.count == 1 {
                guard words[0] != Self.sentenceStart else {
                    throw SpecError(path: [.key("weights"), .key(feature)], message: "\"<s>\" needs the word that opens the sentence")
                }
                single.append((vocabulary.intern(words[0]), Float(weight)))
            } else if words[0] == Self.sentenceStart {
                opening.append((vocabulary.intern(words[1]), Float(weight)))
            } else {
                pairs.append((PairWeights.key(vocabulary.intern(words[0]), vocabulary.intern(words[1])), Float(weight)))
            }
        }
        func table(_ entries: [(Int32, Float)]) -> [Float] {
            var table = Array(repeating: Float(0), count: Int(entries.map(\.0).max() ?? -1) + 1)
            for (id, weight) in entries { table[Int(id)] += weight }
            return table
        }
        self.single = table(single)
        self.opening = table(opening)
        self.pairs = PairWeights(pairs)
    }

    func scan(_ tokens: [Token], into matches: inout [RawMatch]) {
        guard !tokens.isEmpty, tokens.count >= minWords else { return }
        var total = bias
        var best: Float = 0, bestFirst = -1, bestLast = -1
        var evidence: Float = 0, first = 0
        @inline(__always) func weight(_ table: [Float], _ id: Int32) -> Float { id >= 0 && Int(id) < table.count ? table[Int(id)] : 0 }
        for (i, token) in tokens.enumerated() {
            let opens = i == 0 || tokens[i - 1].sentence != token.sentence
            if opens {
                if i > 0 && evidence > best { best = evidence; bestFirst = first; bestLast = i - 1 }
                evidence = 0
                first = i
            }
            let single = weight(single, token.id)
            let pair = opens ? weight(opening, token.id)
                : token.id >= 0 && tokens[i - 1].id >= 0 ? pairs[tokens[i - 1].id, token.id] : 0
            total += single + pair
            evidence += max(single, 0) + max(pair, 0)
        }
        if evidence > best { best = evidence; bestFirst = first; bestLast = tokens.count - 1 }
        guard total >= cutoff, best >= minEvidence, bestFirst >= 0 else { return }
        matches.append(RawMatch(term: Int32(term), first: Int32(bestFirst), last: Int32(bestLast + 1),
                                start: tokens[bestFirst].start, end: tokens[bestLast].end))
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

/// Weights of word pairs in an open-addressing table keyed by both ids: a pair lookup per word of every reply, so no
/// hashing of strings and no `Dictionary` overhead.
struct PairWeights: Sendable {
    private var keys: [UInt64]
    private var weights: [Float]
    private let mask: Int
    private static let empty = UInt64.max

    static func key(_ first: Int32, _ second: Int32) -> UInt64 { UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second)) }

    init(_ entries: [(UInt64, Float)]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        weights = Array(repeating: 0, count: size)
        mask = size - 1
        for (key, weight) in entries {
            var slot = Self.slot(key, mask)
            while keys[slot] != Self.empty && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            weights[slot] += weight
        }
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    subscript(first: Int32, second: Int32) -> Float {
        let key = Self.key(first, second)
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == key { return weights[slot] }
            if stored == Self.empty { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
