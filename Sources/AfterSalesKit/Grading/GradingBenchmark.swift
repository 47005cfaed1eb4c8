import Foundation

/// Throughput of the grader on a set of replies, on the calling thread (one core): how many replies per second.
/// Used by `aftersales grade --bench` and the project benchmark.
public enum GradingBenchmark {
    public struct Result: Sendable {
        public var replies: Int
        public var seconds: Double
        public var words: Int
        public var perSecond: Double { seconds > 0 ? Double(replies) / seconds : 0 }
        public var averageWords: Double { replies > 0 ? Double(words) / Double(replies) : 0 }
    }

    /// Grades the cases round after round until `minimumSeconds` have passed (at least one round).
    public static func measure(grader: Grader, cases: [CorpusCase], minimumSeconds: Double = 2) -> Result {
        guard !cases.isEmpty else { return Result(replies: 0, seconds: 0, words: 0) }
        let wordsPerRound = cases.reduce(0) { $0 + $1.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
        var replies = 0, words = 0
        var checksum = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            for item in cases {
                let report = grader.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en)
                checksum &+= report.score
            }
            replies += cases.count
            words += wordsPerRound
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < minimumSeconds
        precondition(checksum >= 0 || checksum < 0)  // keeps the work observable
        return Result(replies: replies, seconds: elapsed, words: words)
    }
}
