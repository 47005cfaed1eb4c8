import Testing

@testable import AfterSalesKit

/// The phrase index looks a phrase up by its rarest required word and tries the few places before that word where a
/// match could start. These tests pin where matches begin and end around that word, and that which word is chosen
/// (the `frequent_class` speed hint) never changes what is found.
@Suite("Grader phrase index")
struct GradPhraseIndexTests {
    static let concepts = """
    concepts:
      tail_trigger:
        phrases: ["(so|truly)? sorry about the *2 delay+"]
      gap:
        phrases: ["we *3 mistake", "it happens when *1 @tool *2 used"]
      repeated:
        phrases: ["very+|so|really? happy"]
      numbers:
        phrases: ["#num days", "#money refund"]
      alone:
        phrases: ["listing"]
    classes:
      tool: [knife, blade]
    """

    static func lexicon(frequent: [String]?) -> Lexicon {
        var yaml = "settings:\n  number_class: number_word\n"
        if let frequent { yaml += "  frequent_class: common\nclasses:\n  number_word: [two, three]\n  common: [\(frequent.joined(separator: ", "))]\n" } else {
            yaml += "classes:\n  number_word: [two, three]\n"
        }
        let files = [
            (try! YAMLDocument(file: "settings.yaml", text: yaml), try! YAMLDocument(file: "settings.yaml", text: yaml).decode(LexiconFile.self)),
            (try! YAMLDocument(file: "concepts.yaml", text: concepts), try! YAMLDocument(file: "concepts.yaml", text: concepts).decode(LexiconFile.self)),
        ]
        let (lexicon, problems) = Lexicon.compile(files.map { (document: $0.0, file: $0.1) })
        #expect(problems.isEmpty, "\(problems)")
        return lexicon
    }

    static let names = ["tail_trigger", "gap", "repeated", "numbers", "alone"]

    static func found(_ text: String, _ lexicon: Lexicon) -> [String: [String]] {
        let matches = MatchSet(reply: text, lexicon: lexicon)
        return Dictionary(uniqueKeysWithValues: names.map { ($0, matches.liveTexts($0, lexicon: lexicon)) })
    }

    @Test func matchesBeginBeforeTheTriggerWord() {
        let lexicon = Self.lexicon(frequent: ["sorry", "we", "it", "happy", "so"])
        let found = Self.found("Truly sorry about the long shipping delays. We made a mistake. It happens when a knife is used.", lexicon)
        #expect(found["tail_trigger"] == ["Truly sorry about the long shipping delays"])
        #expect(found["gap"] == ["We made a mistake", "It happens when a knife is used"])
    }

    @Test func aTriggerWordTwiceInOneSentenceFindsEachMatchOnce() {
        let lexicon = Self.lexicon(frequent: ["very", "so", "really"])
        let found = Self.found("We are very very happy and so happy, really happy.", lexicon)
        #expect(found["repeated"] == ["very happy", "so happy", "really happy"])
    }

    @Test func noMatchAcrossASentenceEnd() {
        let lexicon = Self.lexicon(frequent: ["we"])
        #expect(Self.found("We are sorry. That was a mistake.", lexicon)["gap"] == [])
        #expect(Self.found("Sorry about the. Delay.", lexicon)["tail_trigger"] == [])
    }

    @Test func numberPhrasesAndOneWordPhrases() {
        let lexicon = Self.lexicon(frequent: [])
        let found = Self.found("Within 3 days, or three days, a $20 refund. See the listing.", lexicon)
        #expect(found["numbers"] == ["3 days", "three days", "20 refund"])
        #expect(found["alone"] == ["listing"])
    }

    /// A trigger word can sit more than 255 tokens into a match (the window's length no longer fits the byte the index
    /// keeps it in): the window then reaches back to the sentence's start, and the match is still found. ("alpha" and
    /// "word" are marked frequent, so "gamma", 261 tokens in, is the trigger.)
    @Test func aWindowLongerThan255TokensReachesBackToTheSentenceStart() {
        let yaml = """
        settings:
          frequent_class: common
        classes:
          common: [alpha, word]
        concepts:
          long_gap:
            phrases: ["alpha \(Array(repeating: "word", count: 260).joined(separator: " ")) gamma"]
        """
        let document = try! YAMLDocument(file: "long.yaml", text: yaml)
        let (lexicon, problems) = Lexicon.compile([(document: document, file: try! document.decode(LexiconFile.self))])
        #expect(problems.isEmpty, "\(problems)")
        let filler = { (count: Int) in Array(repeating: "word", count: count).joined(separator: " ") }
        let reply = "Intro. Alpha " + filler(260) + " gamma end."
        let found = MatchSet(reply: reply, lexicon: lexicon).liveTexts("long_gap", lexicon: lexicon)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Alpha word") == true && found.first?.hasSuffix("word gamma") == true)
        #expect(MatchSet(reply: "alpha " + filler(259) + " gamma", lexicon: lexicon).liveTexts("long_gap", lexicon: lexicon).isEmpty)
    }

    /// Anchors are 16-bit presence bits; one past that range reads as bit 0, always set, so it can only let a phrase
    /// through to the matcher, never keep a match out.
    @Test func anAnchorPastSixteenBitsReadsAsAlwaysPresent() {
        #expect(PhraseAnchor(bit: 70_000).bit == PhraseAnchor.always.bit)
        #expect(PhraseAnchor(bit: 65_535).bit == 65_535)
        #expect(MemoryLayout<TriggeredPhrase>.stride == 24)
    }

    /// Whatever words are marked frequent, and so whichever word triggers each phrase, the matches are the same.
    @Test(arguments: [
        "So sorry about the delay. Sorry about the two week delay!",
        "we we made the mistake we made a mistake again",
        "It happens when the blade was used. it happens when knife used",
        "very happy so happy really very happy; 2 days, 10 days $5 refund",
        "Truly sorry about the listing delay, we know it was a mistake",
    ])
    func triggerChoiceNeverChangesMatches(_ text: String) {
        let words = ["so", "truly", "sorry", "about", "the", "delay", "we", "mistake", "it", "happens", "when", "used",
                     "very", "really", "happy", "days", "refund", "listing", "knife"]
        let reference = Self.found(text, Self.lexicon(frequent: nil))
        for frequent in [[], words, Array(words.prefix(9)), Array(words.suffix(10))] {
            #expect(Self.found(text, Self.lexicon(frequent: frequent)) == reference, "frequent: \(frequent)")
        }
    }
}
