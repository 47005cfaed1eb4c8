import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Grader normalisation")
struct GradNormalizerTests {
    let normalizer = ReplyNormalizer(config: NormalizerConfig(obfuscations: ["at": 0x40, "dot": 0x2E]))

    func text(_ n: NormalizedText) -> String { String(decoding: n.bytes, as: UTF8.self) }

    @Test func lowercasesAndPlainsQuotesDashesAndSpaces() {
        let n = normalizer.normalize("  We\u{2019}re  SO\tsorry \u{201C}truly\u{201D}\u{2014}really\u{2026}  ")
        #expect(text(n) == "we're so sorry \"truly\" - really...")
    }

    @Test func fullWidthBecomesASCII() {
        let n = normalizer.normalize("ＳＯＲＲＹ，ｒｅｆｕｎｄ")
        #expect(text(n) == "sorry,refund")
        #expect(n.latinLetters == 11 && n.otherLetters == 0)
    }

    @Test func offsetsPointBackToOriginalCodePoints() {
        // Emoji and a combining accent before the word shift byte offsets but not code-point offsets of the original.
        let reply = "😀 Café — I\u{2019}m sorry"
        let n = normalizer.normalize(reply)
        let bytes = text(n)
        let range = bytes.range(of: "sorry")!
        let lower = bytes.utf8.distance(from: bytes.startIndex, to: range.lowerBound)
        let original = n.originalRange(lower..<(lower + 5))
        let scalars = Array(reply.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[original])) == "sorry")
        #expect(n.quote(original) == "sorry")
    }

    @Test func escapeSequencesAndControlsAreDroppedAndNeverQuoted() {
        let reply = "I'm \u{1B}[31mso\u{1B}[0m sorry\u{0}\u{7}, \u{1B}]0;title\u{7}refund"
        let n = normalizer.normalize(reply)
        #expect(text(n) == "i'm so sorry , refund")
        let quoted = n.quote(0..<n.originalCount)
        #expect(!quoted.unicodeScalars.contains { $0.value == 0x1B || $0.value < 0x20 && $0 != " " })
    }

    @Test func zeroWidthCharactersDoNotSplitWords() {
        #expect(text(normalizer.normalize("so\u{200B}rry re\u{00AD}fund")) == "sorry refund")
    }

    @Test func bracketedObfuscationsAreUndone() {
        #expect(text(normalizer.normalize("support [at] shop [dot] com")) == "support@shop.com")
        #expect(text(normalizer.normalize("help(AT)store(Dot)net")) == "help@store.net")
        #expect(text(normalizer.normalize("mail { at } x { dot } io")) == "mail@x.io")
        // Brackets around ordinary words stay.
        #expect(text(normalizer.normalize("(at least) [date]")) == "(at least) [date]")
    }

    @Test func foreignScriptIsCounted() {
        let n = normalizer.normalize("您好，非常抱歉 OK")
        #expect(n.otherLetters == 6)
        #expect(n.latinLetters == 2)
        #expect(n.firstOtherRun == 0..<7)
    }

    @Test func tokensExpandContractionsAndKeepSentences() {
        let content = GradSupport.content
        let m = GradSupport.matches("We can't refund. But we won’t stop, we'll reship!")
        let words = m.tokens.map { $0.id >= 0 ? content.lexicon.vocabulary.words[Int($0.id)] : "?" }
        #expect(words.prefix(4) == ["we", "can", "not", "refund"])
        #expect(words.contains("will") && words.contains("reship"))
        #expect(m.tokens.first!.sentence == 0 && m.tokens.last!.sentence == 1)
        // "But" opens a new clause.
        #expect(Set(m.tokens.filter { $0.sentence == 1 }.map(\.clause)).count >= 2)
    }
}
