/// What a trainee sees after handing in, when the spec shows results: the score, pass or fail,
/// each item's points, and now — at the end, not before — the rules their answers broke.
public struct ExamResultLines: Sendable {
    public var strings: StringTable
    public var language: Language

    public init(strings: StringTable, language: Language) {
        self.strings = strings
        self.language = language
    }

    public func lines(_ attempt: GradedAttempt, passMark: Double) -> [ExamOutput] {
        let s = strings
        let passed = attempt.percent >= passMark
        var out = [
            ExamOutput(s("exam.result_score", ["percent": Self.percent(attempt.percent), "earned": Self.points(attempt.earned),
                                               "possible": Self.points(attempt.possible)]), .heading),
            ExamOutput(s(passed ? "exam.result_passed" : "exam.result_failed", ["mark": Self.percent(passMark)]), passed ? .good : .bad),
        ]
        for item in attempt.items {
            let key = item.answered ? "exam.result_item" : "exam.result_item_unanswered"
            out.append(ExamOutput(s(key, ["item": item.id, "kind": s("exam.kind.\(item.kind.rawValue)"), "earned": Self.points(item.earned),
                                          "points": Self.points(item.points)])))
        }
        if attempt.topics.count > 1 {
            out.append(ExamOutput(s("exam.result_topics"), .dim))
            for (topic, score) in attempt.topics.sorted(by: { $0.key < $1.key }) {
                out.append(ExamOutput(s("exam.result_topic", ["topic": s("topic.\(topic)"), "percent": Self.percent(score.percent)])))
            }
        }
        let rules = Array(Set(attempt.ruleBreaks.map(\.rule))).sorted()
        if !rules.isEmpty {
            out.append(ExamOutput(s("exam.result_rules"), .dim))
            for rule in rules { out.append(ExamOutput(s("exam.result_rule", ["rule": rule]))) }
        }
        return out
    }

    /// One decimal, no trailing ".0": 66.7, 80.
    public static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Points to two decimals at most: 7.5, 10, 3.33.
    public static func points(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
