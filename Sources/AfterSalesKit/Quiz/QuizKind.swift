/// The seven kinds of quiz item. The raw values are what `type:` says in `Content/quiz/*.yaml`.
public enum QuizKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// One right option among several.
    case single
    /// Several right options; the trainee names all of them.
    case multi
    /// A statement that is true or false; the explanation gives the reason afterwards.
    case truefalse
    /// A number with a unit (hours, days, dollars, percent), within a tolerance.
    case numeric
    /// Steps to put in order; `options` lists them in the right order and they are shown shuffled.
    case ordering
    /// A short answer typed in English or Chinese, compared after normalisation.
    case text
    /// A short seller reply: the trainee names the problems in it from the list of violation ids.
    case spot
}
