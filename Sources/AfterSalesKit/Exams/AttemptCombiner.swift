/// Turns a trainee's attempts into one grade by the spec's grading method (Moodle's "grading method").
///
/// - highest: the best attempt;  - first / last: by attempt number;
/// - average: the mean of the attempts' percentages (topics averaged likewise); the last attempt
///   stands for the details (items, time used) and for class statistics.
public enum AttemptCombiner {
    public struct Combined: Sendable {
        public var percent: Double
        public var topics: [String: Double]
        /// The attempt whose details the report shows.
        public var representative: GradedAttempt
    }

    public static func combine(_ attempts: [GradedAttempt], method: GradingMethod) -> Combined? {
        let ordered = attempts.sorted { ($0.attempt, $0.started, $0.file) < ($1.attempt, $1.started, $1.file) }
        guard let first = ordered.first, let last = ordered.last else { return nil }
        func topics(_ attempt: GradedAttempt) -> [String: Double] { attempt.topics.mapValues(\.percent) }
        switch method {
        case .first:
            return Combined(percent: first.percent, topics: topics(first), representative: first)
        case .last:
            return Combined(percent: last.percent, topics: topics(last), representative: last)
        case .highest:
            // Ties go to the earlier attempt.
            let best = ordered.reduce(first) { $1.percent > $0.percent ? $1 : $0 }
            return Combined(percent: best.percent, topics: topics(best), representative: best)
        case .average:
            let percent = ordered.reduce(0) { $0 + $1.percent } / Double(ordered.count)
            var sums: [String: (Double, Int)] = [:]
            for attempt in ordered {
                for (topic, score) in attempt.topics {
                    sums[topic, default: (0, 0)].0 += score.percent
                    sums[topic, default: (0, 0)].1 += 1
                }
            }
            return Combined(percent: percent, topics: sums.mapValues { $0.0 / Double($0.1) }, representative: last)
        }
    }
}
