/// One line of an exam transcript. A flat record (absent fields are left out of the JSON) so the
/// file stays readable with `jq` or a text editor, and old readers skip fields they do not know.
public struct ExamEvent: Sendable, Codable, Equatable, ChainedRecord {
    public enum Kind: String, Sendable, Codable {
        /// First line: what was taken, by whom, under which spec and content.
        case header
        /// An item of the paper comes on screen.
        case item
        /// A scenario decision point with the choices as shown.
        case decision
        case choice
        /// A written reply was asked for.
        case replyRequested = "reply.requested"
        case reply
        case hint
        case scenarioEnded = "scenario.ended"
        case quizAnswer = "quiz.answer"
        /// Last line: the attempt was handed in.
        case submitted
    }

    /// Why an attempt was handed in.
    public enum Reason: String, Sendable, Codable {
        /// The trainee answered everything or typed `submit`.
        case finished
        /// The time limit passed (and the grace period, if any, was used to finish the answer on screen).
        case timeUp = "time-up"
        /// The grace period passed as well before the answer on screen was finished.
        case graceExpired = "grace-expired"
        /// The input ended (Ctrl-D, end of a piped file) before the exam did.
        case inputEnded = "input-ended"
    }

    public var type: Kind
    /// Wall-clock time, ISO 8601 UTC with milliseconds.
    public var at: String
    /// Milliseconds since the attempt started: what timing checks use.
    public var t: Int
    /// Hash of the previous line (64 zeros for the first): see `ChainedLog`.
    public var prev: String = ChainedLog.genesis

    // header
    public var exam: String?
    public var title: String?
    public var specHash: String?
    public var specPath: String?
    public var contentVersion: String?
    public var programVersion: String?
    public var trainee: String?
    public var attempt: Int?
    public var started: String?
    public var seed: UInt64?
    public var language: String?
    public var timeLimit: Double?
    public var grace: Double?
    public var hints: Bool?
    public var plan: [ExamPlanItem]?

    // items and answers
    public var item: String?
    public var kind: String?
    public var node: String?
    public var number: Int?
    public var text: String?
    public var choices: [String]?
    public var options: [String]?
    public var answer: String?
    /// A reply saved unfinished when time ran out.
    public var partial: Bool?
    /// Score as the grader in use gave it while the exam was taken (information only; grading recomputes).
    public var score: Int?
    public var rule: String?
    public var ending: String?
    public var reason: Reason?

    public init(type: Kind, at: String, t: Int) {
        self.type = type
        self.at = at
        self.t = t
    }

    enum CodingKeys: String, CodingKey {
        case type, at, t, prev, exam, title, trainee, attempt, started, seed, language, grace, hints, plan
        case specHash = "spec_hash", specPath = "spec_path", contentVersion = "content_version"
        case programVersion = "program_version", timeLimit = "time_limit"
        case item, kind, node, number, text, choices, options, answer, partial, score, rule, ending, reason
    }
}
