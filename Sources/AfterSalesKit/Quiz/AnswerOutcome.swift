/// What checking one typed answer gave.
///
/// Input that cannot be judged (empty, out of range, wrong format, another unit, the other language where the
/// item cannot accept it) is `needsRetry` with the key of a message in `Content/strings/*.yaml`: the trainee
/// gets a clear message and a second try, never a silent wrong mark.
public enum AnswerOutcome: Sendable, Hashable {
    case correct
    /// Some of it right (multiple select, ordering, spot-the-problem): counted as missed, rated Hard in review.
    case partial
    case incorrect
    /// `key` names a `quiz.retry.*` string; `args` fill its placeholders. Args ending in `_language` hold a
    /// language code (`en`/`zh`) that the driver shows by name.
    case needsRetry(key: String, args: [String: String])

    public static func retry(_ key: String, _ args: [String: String] = [:]) -> AnswerOutcome {
        .needsRetry(key: "quiz.retry." + key, args: args)
    }

    public var isJudged: Bool {
        if case .needsRetry = self { return false }
        return true
    }
}
