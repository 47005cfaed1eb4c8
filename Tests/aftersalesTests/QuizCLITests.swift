import Foundation
import Testing

/// `aftersales quiz` and `aftersales review` driven through piped stdin, as a script or a class would.
@Suite("Quiz command line, piped")
struct QuizCLITests {
    func dataFolder() -> String { NSTemporaryDirectory() + "aftersales-quiz-cli-\(UUID().uuidString)" }

    @Test func pipedQuizIsDeterministicAndScored() throws {
        let input = "\nfrobnicate\n1\nskip\nstop\n"
        let env = ["XDG_DATA_HOME": dataFolder()]
        let first = try Binary.run(["quiz", "--count", "5", "--seed", "9", "--lang", "en"], input: input, environment: env)
        let second = try Binary.run(["quiz", "--count", "5", "--seed", "9", "--lang", "en"], input: input, environment: env)
        #expect(first.status == 0)
        #expect(first.stderr.isEmpty, "\(first.stderr)")
        #expect(first.stdout == second.stdout, "same seed, same quiz, byte for byte")
        #expect(first.stdout.contains("Quiz: 5 questions · all topics · seed 9"))
        #expect(first.stdout.contains("[1/5]"))
        #expect(first.stdout.contains("Type an answer first"), "empty line gets a second try")
        #expect(first.stdout.contains("Quiz stopped after 2 of 5 questions."))
        #expect(first.stdout.contains("=== Score: "))
        #expect(!first.stdout.contains("\u{1B}"))
        let other = try Binary.run(["quiz", "--count", "5", "--seed", "10", "--lang", "en"], input: input, environment: env)
        #expect(other.stdout != first.stdout)
    }

    @Test func endOfInputEndsTheQuizWithAScore() throws {
        let result = try Binary.run(["quiz", "--count", "2", "--topic", "returns", "--seed", "1", "--lang", "zh"], input: "skip\n",
                                    environment: ["XDG_DATA_HOME": dataFolder()])
        #expect(result.status == 0)
        #expect(result.stdout.contains("测验：共 2 题 · 退货与换货") || result.stdout.contains("测验：共 2 题"))
        #expect(result.stdout.contains("=== 得分：0/1 ==="))
    }

    @Test func unknownTopicAndBadCount() throws {
        let topic = try Binary.run(["quiz", "--topic", "shipping", "--lang", "en"], environment: ["XDG_DATA_HOME": dataFolder()])
        #expect(topic.stdout.contains("There is no quiz topic 'shipping'. Topics: claims, apology, returns, reviews, policy."))
        let count = try Binary.run(["quiz", "--count", "0"])
        #expect(count.status == 2)
    }

    @Test func reviewsPersistAcrossRuns() throws {
        let env = ["XDG_DATA_HOME": dataFolder()]
        let first = try Binary.run(["review", "--limit", "2", "--lang", "en", "--seed", "1"], input: "skip\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Review: 0 due · 2 new (daily limit 2, 0 started today)"))
        #expect(first.stdout.contains("Rated Again; next due "))
        let log = try String(contentsOfFile: env["XDG_DATA_HOME"]! + "/aftersales/trainee.jsonl", encoding: .utf8)
        #expect(log.contains("\"type\":\"review.rated\"") && log.contains("\"rating\":1"))

        let second = try Binary.run(["review", "--limit", "2", "--lang", "en"], input: "stop\n", environment: env)
        #expect(second.stdout.contains("Review: 0 due · 1 new (daily limit 2, 1 started today)"), "the first run's review was kept")
        #expect(second.stdout.contains("Next due: quiz:"))
    }

    @Test func scenarioMistakesComeBackInReview() throws {
        let env = ["XDG_DATA_HOME": dataFolder()]
        let golden = Binary.packageRoot.appendingPathComponent("Tests/aftersalesTests/Golden/atoz-not-received-recovery.in")
        let play = try String(contentsOf: golden, encoding: .utf8).replacingOccurrences(of: "quit\n", with: "")
        // Two runs with the same poor reply: its missed criteria become skills; the broken rules make items due.
        let played = try Binary.run(["--lang", "en", "--seed", "1"], input: play + play + "quit\n", environment: env)
        #expect(played.status == 0)
        let now = try Binary.run(["review", "--lang", "en"], input: "stop\n", environment: env)
        #expect(now.stdout.contains("you broke "), "items testing a broken rule are due at once")
        #expect(now.stdout.contains(" in atoz-not-received"))
        #expect(now.stdout.contains("0 skills to practise"), "a skill just rated Again is not due yet")
        // A new skill was just rated Again: it falls due a day later.
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        let review = try Binary.run(["review", "--lang", "en"], input: "stop\n", environment: env.merging(["AFTERSALES_NOW": later]) { $1 })
        #expect(review.stdout.contains("you broke "), "still due: not reviewed since")
        #expect(review.stdout.contains("Skill to practise: "))
        #expect(review.stdout.contains("play atoz-not-received (node write-reply)"))
        #expect(!review.stdout.contains("Review: 0 due"))
    }
}
