/// A quiz item that passed `QuizLinter`: its answer is typed by kind and known to be consistent,
/// so checking an answer can never meet a missing or impossible key.
public struct QuizQuestion: Sendable, Identifiable, Hashable {
    public var id: String
    public var topic: String
    public var rules: [String]
    public var prompt: Localized
    public var explanation: Localized
    public var source: String
    public var changed: Localized?
    public var body: Body
    /// Where the item is defined, for messages that point back at the content.
    public var location: SourceLocation?

    public enum Body: Sendable, Hashable {
        /// `answer` indexes `options` in file order (0-based).
        case single(options: [Localized], answer: Int)
        case multi(options: [Localized], answers: Set<Int>)
        case trueFalse(Bool)
        case numeric(value: Double, unit: QuizUnit, tolerance: Double)
        /// The steps in their right order.
        case ordering(steps: [Localized])
        case text(accept: AcceptedAnswers)
        /// `violations` in the vocabulary's order; empty when the reply has no problem.
        case spot(reply: String, violations: [String])

        public var kind: QuizKind {
            switch self {
            case .single: return .single
            case .multi: return .multi
            case .trueFalse: return .truefalse
            case .numeric: return .numeric
            case .ordering: return .ordering
            case .text: return .text
            case .spot: return .spot
            }
        }
    }

    public init(id: String, topic: String, rules: [String], prompt: Localized, explanation: Localized, source: String,
                changed: Localized? = nil, body: Body, location: SourceLocation? = nil) {
        self.id = id
        self.topic = topic
        self.rules = rules
        self.prompt = prompt
        self.explanation = explanation
        self.source = source
        self.changed = changed
        self.body = body
        self.location = location
    }

    public var kind: QuizKind { body.kind }

    public static func == (lhs: QuizQuestion, rhs: QuizQuestion) -> Bool { lhs.id == rhs.id && lhs.body == rhs.body }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
