/// One thing that happened in a run, in order: what the interface shows and what exams record.
public enum TranscriptEntry: Sendable, Codable, Equatable {
    /// The buyer's message, variables filled in.
    case buyer(String)
    case narration(Localized)
    /// A decision point opened (node id) with the choices offered, numbered from 1.
    case decision(node: String, choices: [Localized])
    /// The trainee picked a choice (1-based number as shown).
    case chose(node: String, number: Int, text: Localized, points: Int, follows: String?, breaks: String?, feedback: Localized)
    /// A written reply was asked for.
    case replyRequested(node: String, prompt: Localized, rubric: String)
    case replied(node: String, text: String, grade: GradeReport, points: Int)
    case hint(node: String, rule: String, cost: Int)
    case deadlinePassed(id: String, rule: String, label: Localized)
    case ended(ending: String, outcome: String, text: Localized)
}
