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

    static func lexicon(frequent: [String]?, frequency: [String: Int]? = nil) -> Lexicon {
        var yaml = "settings:\n  number_class: number_word\n"
        if let frequency {
            yaml = "word_frequency: |\n" + frequency.sorted(by: { $0.key < $1.key }).map { "  \($0.key) \($0.value)\n" }.joined() + yaml
        }
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

    /// The `word_frequency` hint changes which word triggers a phrase: here "we" and "it", said to be in most replies,
    /// stop being the triggers of the "gap" phrases, and the matches stay the same (see also
    /// `triggerChoiceNeverChangesMatches`).
    @Test func wordFrequencyMovesTheTriggerButNotTheMatches() {
        let plain = Self.lexicon(frequent: [])
        let hinted = Self.lexicon(frequent: [], frequency: ["we": 900, "it": 850, "mistake": 20])
        func trigger(_ lexicon: Lexicon) -> [String] {
            let table = lexicon.table
            return lexicon.vocabulary.words.indices.filter { id in
                (Int(table.byWord[id].triggerStart)..<Int(table.byWord[id].triggerEnd)).contains { k in
                    lexicon.names[Int(table.term[Int(table.triggerList[k].phrase)])] == "gap"
                }
            }.map { lexicon.vocabulary.words[$0] }.sorted()
        }
        #expect(trigger(plain) == ["it", "we"])
        #expect(trigger(hinted).contains("mistake") && !trigger(hinted).contains("we") && !trigger(hinted).contains("it"))
        let text = "We made a mistake, we made the big mistake. It happens when a knife is used."
        #expect(Self.found(text, hinted) == Self.found(text, plain))
        #expect(Self.found(text, hinted)["gap"] == ["We made a mistake", "we made the big mistake", "It happens when a knife is used"])
    }

    /// A malformed line of the hint is a content error that names the file and the line of the block.
    @Test func aMalformedFrequencyLineIsReported() {
        let text = "word_frequency: |\n  the 900\n  refund lots\n  we 2000\n"
        let document = try! YAMLDocument(file: "freq.yaml", text: text)
        let (_, problems) = Lexicon.compile([(document: document, file: try! document.decode(LexiconFile.self))])
        #expect(problems.count == 2)
        #expect(problems.first?.description.contains("freq.yaml:1") == true)
        #expect(problems.first?.description.contains("line 2 of the block") == true)
        #expect(problems.last?.description.contains("line 3 of the block") == true)
    }

    /// The scan's per-phrase memory is kept from reply to reply (`PhraseScratch`): grading the same replies again, in
    /// another order and after others, finds exactly the same matches, and stamps from one reply never hide another's.
    @Test func phraseMemoryKeptBetweenRepliesNeverLeaksIntoTheNext() {
        let lexicon = Self.lexicon(frequent: ["sorry", "we"])
        let texts = ["We made a mistake. We made a mistake.", "So sorry about the delay.", "", "we we made the mistake",
                     "Sorry about the two week delay! Sorry about the delay.", "It happens when the blade was used."]
        let first = texts.map { Self.found($0, lexicon) }
        for round in 0..<3 {
            for (index, text) in texts.enumerated().reversed() where (index + round) % 2 == 0 || round == 2 {
                #expect(Self.found(text, lexicon) == first[index], "\(text)")
            }
        }
        let scratch = PhraseScratch(phrases: 4)
        let a = scratch.begin(tokens: 10), b = scratch.begin(tokens: 0), c = scratch.begin(tokens: 5)
        #expect(a == 0 && b == 13 && c == 16)  // each base above every stamp of the reply before
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
