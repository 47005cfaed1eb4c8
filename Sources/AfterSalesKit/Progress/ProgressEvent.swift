/// One line of a trainee's progress file: something the trainee did, with the moment it happened.
///
/// On disk each event is one flat JSON object on its own line, `type` and `time` first:
/// `{"type":"choice.made","time":"2025-03-04T05:06:07.089Z","scenario":"…","node":"…","number":2,"points":10}`.
/// Flat rather than nested so that a line can be read with `grep`/`jq` and parsed without building a tree.
///
/// A type this program does not know (written by a newer version) is kept as `.unknown` with its raw line
/// instead of failing the whole file; replay ignores it.
public enum ProgressEvent: Sendable, Equatable {
    case scenarioStarted(ScenarioStarted)
    case choiceMade(ChoiceMade)
    case replyGraded(ReplyGraded)
    case scenarioEnded(ScenarioEnded)
    case quizAnswered(QuizAnswered)
    case reviewRated(ReviewRated)
    case examSubmitted(ExamSubmitted)
    case rulesRead(RulesRead)
    /// A well-formed line of a type this version does not know: its `type` and the whole JSON object as written.
    case unknown(type: String, raw: String)

    /// The `type` value on disk.
    public var type: String {
        switch self {
        case .scenarioStarted: EventType.scenarioStarted.rawValue
        case .choiceMade: EventType.choiceMade.rawValue
        case .replyGraded: EventType.replyGraded.rawValue
        case .scenarioEnded: EventType.scenarioEnded.rawValue
        case .quizAnswered: EventType.quizAnswered.rawValue
        case .reviewRated: EventType.reviewRated.rawValue
        case .examSubmitted: EventType.examSubmitted.rawValue
        case .rulesRead: EventType.rulesRead.rawValue
        case .unknown(let type, _): type
        }
    }

    /// When it happened; `nil` only for an unknown event whose `time` is missing or unreadable.
    public var time: Timestamp? {
        switch self {
        case .scenarioStarted(let event): event.time
        case .choiceMade(let event): event.time
        case .replyGraded(let event): event.time
        case .scenarioEnded(let event): event.time
        case .quizAnswered(let event): event.time
        case .reviewRated(let event): event.time
        case .examSubmitted(let event): event.time
        case .rulesRead(let event): event.time
        case .unknown(_, let raw):
            (try? JSONValue.parse(raw)).flatMap { value -> Timestamp? in
                guard case .object(let fields) = value,
                      case .string(let text)? = fields.first(where: { $0.key == "time" })?.value else { return nil }
                return Timestamp(iso8601: text)
            }
        }
    }

    /// The known `type` values, plus the header's.
    public enum EventType: String, Sendable, CaseIterable {
        case header
        case scenarioStarted = "scenario.started"
        case choiceMade = "choice.made"
        case replyGraded = "reply.graded"
        case scenarioEnded = "scenario.ended"
        case quizAnswered = "quiz.answered"
        case reviewRated = "review.rated"
        case examSubmitted = "exam.submitted"
        case rulesRead = "rules.read"

        /// Position in `allCases`, for tables.
        var index: Int {
            switch self {
            case .header: 0
            case .scenarioStarted: 1
            case .choiceMade: 2
            case .replyGraded: 3
            case .scenarioEnded: 4
            case .quizAnswered: 5
            case .reviewRated: 6
            case .examSubmitted: 7
            case .rulesRead: 8
            }
        }
    }
}
