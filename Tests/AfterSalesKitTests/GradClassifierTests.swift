import Foundation
import Testing

@testable import AfterSalesKit

/// The learned tone classifiers: a logistic model over words, word pairs and sentence openings, read from lexicon
/// data. These tests pin the arithmetic on a small hand-made model (a weight per occurrence, the threshold as a
/// probability, the strongest sentence as evidence, the two guards) and that the shipped models behave on the corpus.
@Suite("Grader classifiers")
struct GradClassifierTests {
    static let model = """
    classifiers:
      rude_model:
        threshold: 0.5
        min_evidence: 1.0
        min_words: 4
        bias: -2.0
        weights: |
          obviously 1.5
          read the 1.0
          <s> next 0.75
          sorry -1.0
    """

    static func lexicon(_ yaml: String = model) -> (Lexicon, [Diagnostic]) {
        let document = try! YAMLDocument(file: "model.yaml", text: yaml)
        return Lexicon.compile([(document: document, file: try! document.decode(LexiconFile.self))])
    }

    static func found(_ text: String) -> [String] {
        let (lexicon, problems) = lexicon()
        #expect(problems.isEmpty, "\(problems)")
        return MatchSet(reply: text, lexicon: lexicon).liveTexts("rude_model", lexicon: lexicon)
    }

    @Test func firesWhenTheScoreReachesTheThresholdAndQuotesTheStrongestSentence() {
        // -2 + 1.5 + 1.0 = 0.5 ≥ logit(0.5) = 0, and that sentence carries 2.5 of positive weight.
        #expect(Self.found("Thanks for writing. Obviously you did not read the manual.") == ["Obviously you did not read the manual"])
        // -2 + 1.5 < 0: one cue is not enough here.
        #expect(Self.found("Thanks for writing. Obviously the box was late.").isEmpty)
    }

    @Test func everyOccurrenceCountsAndNegativeWeightsPullBack() {
        #expect(Self.found("Obviously late, obviously wrong, all of it.") == ["Obviously late, obviously wrong, all of it"])
        #expect(Self.found("Sorry. Obviously you did not read the manual.").isEmpty)  // -2 + 2.5 - 1 < 0
    }

    @Test func aSentenceOpeningIsItsOwnFeature() {
        // "<s> next" counts only when "next" opens the sentence: -2 + 1.0 + 0.75 + 1.5 ≥ 0.
        #expect(Self.found("Next time read the label. It is obviously there.").count == 1)
        #expect(Self.found("We will do better next time read the label, it is there.").isEmpty)
    }

    @Test func shortRepliesAndRepliesWithoutAStrongSentenceAreNotRead() {
        #expect(Self.found("Obviously, read the").isEmpty)  // three words: below min_words
        let spread = """
        classifiers:
          spread_model: {threshold: 0.5, min_evidence: 1.0, bias: 0.0, weights: "we 0.6\\nthe 0.6"}
        """
        let (lexicon, problems) = Self.lexicon(spread)
        #expect(problems.isEmpty, "\(problems)")
        // The score is positive, but no sentence carries 1.0: faint cues spread over sentences are not evidence.
        #expect(MatchSet(reply: "We sent it. The box left. We checked.", lexicon: lexicon).liveTexts("spread_model", lexicon: lexicon).isEmpty)
        #expect(MatchSet(reply: "We sent the box and the label.", lexicon: lexicon).liveTexts("spread_model", lexicon: lexicon).count == 1)
    }

    @Test func netEvidenceLetsAMitigatingWordInTheSameSentenceCountAgainstIt() {
        // The same weights read two ways: "happy" pulls a sentence back only when a sentence weighs all its weights.
        func model(_ evidence: String) -> String {
            """
            classifiers:
              firm_model: {threshold: 0.5, min_evidence: 1.0, \(evidence)bias: 0.0, weights: "policy 1.5\\nfinal 1.0\\nhappy -2.0"}
            """
        }
        let reply = "Our policy is final, but I am happy to help. Nothing more."
        for (evidence, fires) in [("", true), ("evidence: positive, ", true), ("evidence: net, ", false)] {
            let (lexicon, problems) = Self.lexicon(model(evidence))
            #expect(problems.isEmpty, "\(problems)")
            // Score 1.5 + 1.0 - 2.0 = 0.5 ≥ 0 either way; the first sentence carries 2.5 positive but only 0.5 net.
            let found = MatchSet(reply: reply, lexicon: lexicon).liveTexts("firm_model", lexicon: lexicon)
            #expect(found == (fires ? ["Our policy is final, but I am happy to help"] : []), "\(evidence)")
        }
        // Net, the sentence still fires when the mitigating word sits in another sentence.
        let (lexicon, _) = Self.lexicon(model("evidence: net, "))
        #expect(MatchSet(reply: "Our policy is final. I am happy to help.", lexicon: lexicon).liveTexts("firm_model", lexicon: lexicon)
            == ["Our policy is final"])
    }

    @Test(arguments: [
        ("{threshold: 0.5, bias: 0, evidence: strongest, weights: \"a 1\"}", "evidence is 'positive'"),
        ("{threshold: 1.5, bias: 0, weights: \"a 1\"}", "threshold"),
        ("{threshold: 0.5, bias: 0, weights: \"a b c 1\"}", "one word or two"),
        ("{threshold: 0.5, bias: 0, weights: \"<s> 1\"}", "opens the sentence"),
        ("{threshold: 0.5, bias: 0, weights: \"a <s> 1\"}", "one word or two"),
        ("{threshold: 0.5, bias: 0, weights: \"a heavy\"}", "a feature and its weight"),
    ])
    func badModelsAreContentErrorsWithTheirPlace(spec: String, message: String) {
        let (_, problems) = Self.lexicon("classifiers:\n  bad_model: \(spec)\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
        #expect(problems.first?.description.contains("model.yaml:2") == true, "\(problems)")
    }

    @Test func aClassifierNamedLikeAConceptIsADuplicate() {
        let (_, problems) = Self.lexicon("concepts:\n  rude_model:\n    phrases: [rude]\nclassifiers:\n  rude_model: {threshold: 0.5, bias: 0, weights: \"a 1\"}\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("'rude_model' is also defined in model.yaml") == true, "\(problems)")
    }

    @Test func theShippedModelsAreDeterministicAndQuoteASentenceOfTheReply() throws {
        let reply = "Hi Sam. Most customers manage to read the care label before washing. Obviously we can't refund a shrunken hoodie. Nothing else to add."
        let first = GradSupport.grader.grade(reply, rubric: "claim-response", variables: ["buyer": "Sam"], context: [:], language: .en)
        let second = GradSupport.grader.grade(reply, rubric: "claim-response", variables: ["buyer": "Sam"], context: [:], language: .en)
        #expect(first == second)
        let tone = first.violations.filter { ["blame_buyer", "hostile_tone", "sarcasm"].contains($0.id) }
        #expect(!tone.isEmpty)
        for violation in tone {
            for evidence in violation.evidence { #expect(reply.contains(evidence.text)) }
        }
    }
}
