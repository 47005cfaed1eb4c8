import AfterSalesKit
import Foundation

/// A fresh temporary directory per test, removed when the value goes away.
final class ProgressTempDirectory {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("progress-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

enum ProgressFixtures {
    static let t0 = Timestamp(millisecondsSince1970: 1_750_000_000_000)  // 2025-06-15T15:06:40Z

    static func time(_ seconds: Double) -> Timestamp { t0.adding(seconds: seconds) }

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static func lines(_ path: String) -> [String] { read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func append(_ text: String, to path: String) {
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    /// One event of every type.
    static let samples: [ProgressEvent] = [
        .scenarioStarted(ScenarioStarted(time: time(0), scenario: "atoz-shattered-blender", seed: UInt64.max, mode: .practice)),
        .choiceMade(ChoiceMade(time: time(10), scenario: "atoz-shattered-blender", node: "opening", number: 2, points: 10,
                               follows: "claims.contact-buyer-first")),
        .choiceMade(ChoiceMade(time: time(20), scenario: "atoz-shattered-blender", node: "check", number: 1, points: -20,
                               breaks: "claims.respond-within-3-days")),
        .replyGraded(ReplyGraded(time: time(30), scenario: "atoz-shattered-blender", node: "write-apology",
                                 rubric: "apology-letter",
                                 text: "Dear \"Dana\",\nI'm sorry \\ 很抱歉 😀\u{7}\ttab",
                                 score: 72, verdict: "acceptable", violations: ["blame-buyer"], missed: ["commit"],
                                 rules: ["apology.no-blame", "apology.commit-to-improve"], met: ["apology.sincere-apology"])),
        .replyGraded(ReplyGraded(time: time(35), rubric: "free", text: "", score: 0, verdict: "bad")),
        .scenarioEnded(ScenarioEnded(time: time(40), scenario: "atoz-shattered-blender", ending: "resolved",
                                     outcome: "resolved", score: 85, skills: ["claims": 90, "apology": 70],
                                     broken: ["claims.respond-within-3-days"], followed: ["claims.contact-buyer-first"],
                                     seconds: 123.5)),
        .quizAnswered(QuizAnswered(time: time(50), item: "claims-q1", correct: true, rules: ["claims.evidence"], topic: "claims")),
        .quizAnswered(QuizAnswered(time: time(51), item: "claims-q2", correct: false)),
        .reviewRated(ReviewRated(time: time(60), card: "claims.evidence", rating: 3, seconds: 4.25, due: time(86_400 * 3),
                                 stability: 3.173, difficulty: 5.5)),
        .examSubmitted(ExamSubmitted(time: time(70), exam: "week-1", score: 81, passed: true, transcript: "exams/week-1/ana.json")),
    ]
}
