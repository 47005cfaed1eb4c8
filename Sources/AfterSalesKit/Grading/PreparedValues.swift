import Foundation  // NSLock

/// Scenario variable values as the matchers read them, normalised and tokenised, kept across replies. A scenario grades
/// every reply against the same few values, and preparing each value again for every reply (a normaliser pass with its
/// buffers, a tokenizer pass, then freeing both) was about 5 % of grading (callgrind).
/// Owned by a `Grader` and shared by its copies; a lock makes it safe to grade from any number of threads. What it
/// returns is exactly what preparing the value afresh gives, so output never depends on what was asked before.
final class PreparedValues: @unchecked Sendable {
    /// A value as the matchers read it: its normalised text and tokens.
    struct Value {
        var text: NormalizedText
        var tokens: [Token]
    }

    /// At most this many values are kept (the first ones asked for); others are prepared on every call.
    static let limit = 256

    private let lock = NSLock()
    private var values: [String: Value] = [:]

    /// `value` prepared with `lexicon`, which must be the same lexicon on every call (the grader's own).
    func prepared(_ value: String, lexicon: borrowing Lexicon) -> Value {
        lock.lock()
        let known = values[value]
        lock.unlock()
        if let known { return known }
        let text = lexicon.normalizer.normalize(value)
        let prepared = Value(text: text, tokens: Tokenizer.tokenize(text, vocabulary: lexicon.vocabulary, config: lexicon.tokenizerConfig))
        lock.lock()
        if values.count < PreparedValues.limit { values[value] = prepared }
        lock.unlock()
        return prepared
    }
}
