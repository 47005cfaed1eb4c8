/// One quiz item as written in `Content/quiz/*.yaml`, before validation.
///
/// Everything that depends on the item's type (`answer`, `options`, `unit`, `accept`, `reply`) is optional here
/// so that a missing or malformed answer is reported by `QuizLinter` with file:line:column instead of
/// stopping the decoder at the first problem. `QuizQuestion` is the validated, typed form the quiz plays.
public struct QuizItem: Sendable, Decodable, Identifiable {
    public var id: String
    /// claims | apology | returns | reviews | policy (checked by the linter against `QuizVocabulary.topics`).
    public var topic: String
    public var type: String
    /// Rule ids from `Content/rules.yaml` the item tests; at least one.
    public var rules: [String]
    public var prompt: Localized
    /// Why the answer is right, shown after every answer (for true/false items it is the reason).
    public var explanation: Localized
    /// Where the fact comes from: the guide's section and/or the policy page.
    public var source: String
    /// Where the guide is out of date: what changed, shown with the explanation.
    public var changed: Localized?
    /// Options for single/multi choice; the steps in their right order for ordering items.
    public var options: [Localized]?
    public var answer: QuizAnswerValue?
    /// Unit id from the vocabulary (numeric items).
    public var unit: String?
    /// Inclusive tolerance around a numeric answer, in the item's unit.
    public var tolerance: Double?
    /// Accepted short answers per language (text items).
    public var accept: AcceptedAnswers?
    /// The seller reply to examine (spot items), in English as it would be sent on Amazon.com.
    public var reply: String?

    enum CodingKeys: String, CodingKey {
        case id, topic, type, rules, prompt, explanation, source, changed, options, answer, unit, tolerance, accept, reply
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        topic = try c.decode(String.self, forKey: .topic)
        type = try c.decode(String.self, forKey: .type)
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
        prompt = try c.decode(Localized.self, forKey: .prompt)
        explanation = try c.decode(Localized.self, forKey: .explanation)
        source = try c.decode(String.self, forKey: .source)
        changed = try c.decodeIfPresent(Localized.self, forKey: .changed)
        options = try c.decodeIfPresent([Localized].self, forKey: .options)
        answer = try c.decodeIfPresent(QuizAnswerValue.self, forKey: .answer)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance)
        accept = try c.decodeIfPresent(AcceptedAnswers.self, forKey: .accept)
        reply = try c.decodeIfPresent(String.self, forKey: .reply)
    }

    public var kind: QuizKind? { QuizKind(rawValue: type) }
}

/// The `answer:` value as written: a number, a list of numbers, true/false, or ids.
/// Which shape is right depends on the item's type; the linter checks it.
public enum QuizAnswerValue: Sendable, Hashable, Decodable {
    case bool(Bool)
    case number(Double)
    case numbers([Double])
    case text(String)
    case texts([String])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Double.self) {
            self = .number(value)
        } else if let value = try? c.decode([Double].self) {
            self = .numbers(value)
        } else if let value = try? c.decode(String.self) {
            self = .text(value)
        } else {
            self = .texts(try c.decode([String].self))
        }
    }
}

/// Short answers accepted for a text item, per language. Either language is accepted whatever the interface language.
public struct AcceptedAnswers: Sendable, Hashable, Decodable {
    public var en: [String]
    public var zh: [String]

    public init(en: [String], zh: [String]) {
        self.en = en
        self.zh = zh
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        en = try c.decodeIfPresent([String].self, forKey: .en) ?? []
        zh = try c.decodeIfPresent([String].self, forKey: .zh) ?? []
    }

    public var all: [String] { en + zh }

    enum CodingKeys: String, CodingKey { case en, zh }
}
