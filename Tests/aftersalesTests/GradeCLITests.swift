import Foundation
import Testing

/// `aftersales grade` end to end: the built binary, stdin piped, stdout captured.
@Suite("Grade command, piped")
struct GradeCLITests {
    let reply = "Hi Dana, I'm so sorry your blender arrived cracked. That's on us. A replacement ships today. Reply to this message with any questions."

    @Test func jsonObjectAndExitZero() throws {
        let result = try Binary.run(["grade", "--rubric", "apology-letter", "--var", "buyer=Dana", "--json", "-"], input: reply)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["rubric"] as? String == "apology-letter")
        #expect(object["verdict"] as? String == "good")
        #expect((object["score"] as? Int).map { (80...100).contains($0) } == true)
    }

    @Test func humanOutputWithExplainInChinese() throws {
        let result = try Binary.run(["grade", "--lang", "zh", "--rubric", "apology-letter", "--explain"], input: reply + " If you had read the listing…")
        #expect(result.status == 0)
        #expect(result.stdout.contains("得分") && result.stdout.contains("apology.no-blame") && result.stdout.contains("总分"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Binary.run(["grade", "--rubric", "apology-letter"], input: "").status == 2)
        #expect(try Binary.run(["grade", "--rubric", "nope"], input: reply).status == 2)
        #expect(try Binary.run(["grade"], input: reply).status == 2)
        #expect(try Binary.run(["grade", "--rubric", "apology-letter", "--var", "oops"], input: reply).status == 2)
        #expect(try Binary.run(["grade", "--rubric", "apology-letter", "/no/such/file"], input: "").status == 2)
    }

    @Test func escapeSequencesAreNeverEchoed() throws {
        let result = try Binary.run(["grade", "--lang", "en", "--rubric", "apology-letter"],
                                    input: "\u{1B}]0;owned\u{7}\u{1B}[2JI'm sorry, \u{1B}[31myou should have read the listing\u{1B}[0m. Refund today.")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}]") && !result.stdout.contains("\u{1B}[2J") && !result.stdout.contains("\u{1B}[31m"))
        #expect(result.stdout.contains("you should have read"))
    }

    @Test func scenarioSuppliesVariablesAndModelReply() throws {
        let result = try Binary.run(["grade", "--lang", "en", "--scenario", "atoz-not-received"], input: reply)
        #expect(result.status == 0)
        #expect(result.stdout.contains("claim-response") && result.stdout.contains("│"))
    }

    @Test func evalPrintsAccuracyKappaAndTargets() throws {
        let corpus = Binary.packageRoot.appendingPathComponent("Tests/AfterSalesKitTests/Fixtures/grader-corpus.jsonl").path
        let result = try Binary.run(["grade", "--lang", "en", "--eval", corpus])
        #expect(result.status == 0)
        #expect(result.stdout.contains("verdict accuracy") && result.stdout.contains("Cohen's kappa") && result.stdout.contains("blame_buyer*"))
    }
}
