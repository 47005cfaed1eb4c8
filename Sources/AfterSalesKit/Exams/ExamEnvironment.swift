/// What exam sessions and grading need besides the spec: content, the quiz, the reply grader and the
/// interface strings. The command line fills it; tests fill it with doubles.
public struct ExamEnvironment: Sendable {
    public var library: ContentLibrary
    public var quiz: ExamQuizBank
    public var grader: ReplyGrading
    public var strings: StringTable
    public var language: Language
    /// Written into transcripts (`program_version`).
    public var programVersion: String

    public init(library: ContentLibrary, quiz: ExamQuizBank, grader: ReplyGrading, strings: StringTable, language: Language,
                programVersion: String) {
        self.library = library
        self.quiz = quiz
        self.grader = grader
        self.strings = strings
        self.language = language
        self.programVersion = programVersion
    }
}

/// One line for the trainee, already in their language; the style is a hint for colour.
public struct ExamOutput: Sendable, Equatable, CustomStringConvertible {
    public enum Style: String, Sendable { case plain, heading, dim, buyer, notice, warning, good, bad }
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var description: String { text }
}

/// Where a submitted attempt is reported besides the transcript (the trainee's progress log).
public protocol ExamProgressRecording {
    func examSubmitted(_ submission: ExamSubmission) throws
}

/// What the progress log learns about a submitted attempt.
public struct ExamSubmission: Sendable, Equatable, Codable {
    public var exam: String
    public var trainee: String
    public var attempt: Int
    public var percent: Double
    public var passed: Bool
    public var reason: ExamEvent.Reason
    public var transcript: String
    public var at: String
}
