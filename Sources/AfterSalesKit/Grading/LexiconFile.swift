/// The YAML schema of `Content/lexicon/*.yaml`. Every file may hold any of the four sections; names must be
/// unique across files. `Content/lexicon/README.md` documents the phrase syntax and each shape.
///
/// ```yaml
/// settings:            # exactly one file has these
///   negation: {before: negator, after: negator_after, window_before: 6, window_after: 4}
///   number_class: number_word
///   frequent_class: frequent_word
///   clause_words: [but, however]
///   obfuscations: {at: "@", dot: "."}
///   suffixes: {"n't": not, "'s": ""}
///   rewrites: {"can't": "can not", "e-mail": email}
///   irregular: {send: [sent]}
/// classes:
///   weekday: [monday, tuesday]
/// concepts:
///   apology:
///     about: a real apology
///     negatable: true
///     suppresses: []
///     phrases: ["sorry", "apologize+"]
/// shapes:
///   email_address: {kind: email}
/// classifiers:         # learned from the corpus (Tools/train-tone-model.py)
///   blame_model:
///     threshold: 0.7
///     min_evidence: 1.0
///     evidence: net      # or positive (the default)
///     bias: -2.1
///     weights: |
///       if you 0.8
///       <s> sure 0.6
/// word_frequency: |    # at most one file: a speed hint (Tools/word-frequency.py)
///   the 919
///   refund 310
/// ```
public struct LexiconFile: Decodable, Sendable {
    public var settings: LexiconSettings?
    public var classes: [String: [String]]?
    public var concepts: [String: ConceptSpec]?
    public var shapes: [String: ShapeSpec]?
    public var classifiers: [String: ClassifierSpec]?
    /// In how many replies per thousand each word occurs, one "word count" per line. Only a speed hint: the phrase index
    /// looks a phrase up by the required word that occurs in the fewest replies, so that it is tried at as few places as
    /// possible. Grading results never depend on it. A block of text for the same reason as `ClassifierSpec.weights`.
    public var word_frequency: String?
}

/// A logistic model over words and word pairs (see `ClassifierRule`): fires when the probability reaches `threshold`.
public struct ClassifierSpec: Decodable, Sendable {
    public var about: String?
    public var threshold: Double
    /// The weight the reply's strongest sentence must carry (see `ClassifierRule`).
    public var min_evidence: Double?
    /// What a sentence's weight is, for `min_evidence`: `positive` (the default: only its positive weights) or `net`
    /// (all of them, so a mitigating word in the same sentence counts against it).
    public var evidence: String?
    /// Replies with fewer words are not read (the model learned from longer ones).
    public var min_words: Int?
    public var bias: Double
    /// One feature and its weight per line: "word 0.5", "word word 0.5" (within a sentence) or "<s> word 0.5" (the word
    /// that opens a sentence). A block of text rather than a YAML mapping: hundreds of entries as mapping nodes cost
    /// more to parse than all the rest of the lexicons.
    public var weights: String
}

public struct LexiconSettings: Decodable, Sendable {
    public struct Negation: Decodable, Sendable {
        public var before: String
        public var after: String?
        public var window_before: Int
        public var window_after: Int?
    }

    public var negation: Negation?
    public var number_class: String?
    public var clause_words: [String]?
    public var obfuscations: [String: String]?
    public var suffixes: [String: String]?
    public var rewrites: [String: String]?
    public var irregular: [String: [String]]?
    /// Words that never count as "significant" when a scenario variable is matched loosely (`{product~}`).
    public var stopword_class: String?
    /// Words that are common in any reply. Only a speed hint: the phrase index never picks them as the word that
    /// triggers a phrase when a rarer one is required. Grading results do not depend on it.
    public var frequent_class: String?
}

/// A named set of phrases that mean one thing (an apology, a remedy, a blame).
public struct ConceptSpec: Decodable, Sendable {
    public var about: String?
    /// A negation just before it in the same clause ("not sorry", "no refund") voids a match.
    public var negatable: Bool?
    /// Concepts whose overlapping matches this one cancels ("sorry you feel that way" cancels "sorry").
    public var suppresses: [String]?
    public var phrases: [String]
}

/// A detector for a text shape that phrases cannot describe: e-mail addresses, links, phone numbers, template
/// placeholders, shouting, scare quotes, text in another script.
public struct ShapeSpec: Decodable, Sendable {
    public var kind: String
    public var about: String?
    /// url: top-level domains that make a word.word a link; domains that are never external (the marketplace itself).
    public var tlds: [String]?
    public var exempt_domains: [String]?
    /// phone: digits in a number; numbers without separators need `bare_min_digits` or a cue word before them.
    public var min_digits: Int?
    public var max_digits: Int?
    public var bare_min_digits: Int?
    public var cue_class: String?
    /// phone: a number right after one of these words is an order, tracking or case number, not a phone.
    public var exempt_class: String?
    /// placeholder / scare_quote: the words that may appear inside; caps: acronyms that are not shouting.
    public var word_class: String?
    /// scare_quote: a quote right before one of these words names a label or a status (the "delivered" status, the
    /// "item not received" claim), as `exempt_class` does for the words before it.
    public var label_class: String?
    /// caps: this many upper-case words in a row, or `share` of at least `min_words` words.
    public var run: Int?
    public var share: Double?
    public var min_words: Int?
    /// scare_quote: most words between the quotes. script: fewest other-script letters.
    public var max_words: Int?
    public var min_letters: Int?
    /// phone: how many words before the number a cue or exempt word may be.
    public var window: Int?
}
