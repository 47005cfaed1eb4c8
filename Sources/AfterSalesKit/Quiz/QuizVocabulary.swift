/// The words and lists the quiz engine needs that are not items: topics, units, the grader's violation ids
/// and the answer words (true/false, "none") in both languages. Loaded from `Content/quiz/vocabulary.yaml`,
/// so the engine itself holds no domain knowledge and no language's words.
public struct QuizVocabulary: Sendable, Decodable {
    /// Allowed `topic:` values, in the order listings show them.
    public var topics: [String]
    public var units: [QuizUnit]
    /// The violation ids a spot-the-problem item may name, in the numbered order the trainee picks from.
    public var violations: [Violation]
    public var words: Words

    public struct Violation: Sendable, Hashable, Decodable, Identifiable {
        public var id: String
        public var label: Localized

        public init(id: String, label: Localized) {
            self.id = id
            self.label = label
        }
    }

    /// Answer words, each list holding both languages' spellings (all compared after normalisation).
    public struct Words: Sendable, Hashable, Decodable {
        public var yes: [String]
        public var no: [String]
        /// "No problem in this reply" for spot items.
        public var none: [String]
        /// Commands typed instead of an answer.
        public var skip: [String]
        public var stop: [String]
        /// Phrases that make an option a catch-all ("all of the above"); the linter refuses them.
        public var catchAll: [String]
        /// Words around a number that do not change it ("within", "about", "以内"), dropped before the unit is read.
        public var filler: [String]

        public init(yes: [String], no: [String], none: [String], skip: [String], stop: [String], catchAll: [String] = [],
                    filler: [String] = []) {
            self.yes = yes
            self.no = no
            self.none = none
            self.skip = skip
            self.stop = stop
            self.catchAll = catchAll
            self.filler = filler
        }

        enum CodingKeys: String, CodingKey {
            // YAML 1.1 reads a bare yes/no as a boolean, so the keys are spelt out.
            case yes = "affirmative", no = "negative"
            case none, skip, stop, filler
            case catchAll = "catch_all"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            yes = try c.decodeIfPresent([String].self, forKey: .yes) ?? []
            no = try c.decodeIfPresent([String].self, forKey: .no) ?? []
            none = try c.decodeIfPresent([String].self, forKey: .none) ?? []
            skip = try c.decodeIfPresent([String].self, forKey: .skip) ?? []
            stop = try c.decodeIfPresent([String].self, forKey: .stop) ?? []
            catchAll = try c.decodeIfPresent([String].self, forKey: .catchAll) ?? []
            filler = try c.decodeIfPresent([String].self, forKey: .filler) ?? []
        }
    }

    /// An empty vocabulary, used when the vocabulary file is missing or broken (every unit is then unknown).
    public static let empty = QuizVocabulary(topics: [], units: [], violations: [],
                                             words: Words(yes: [], no: [], none: [], skip: [], stop: []))

    public init(topics: [String], units: [QuizUnit], violations: [Violation], words: Words) {
        self.topics = topics
        self.units = units
        self.violations = violations
        self.words = words
    }

    public func unit(_ id: String) -> QuizUnit? { units.first { $0.id == id } }

    /// The unit a typed alias names, after normalisation ("Hours", "小时", "$").
    public func unit(alias: String) -> QuizUnit? {
        let key = TextNormalizer.fold(alias)
        guard !key.isEmpty else { return nil }
        return units.first { unit in
            unit.aliases.contains { TextNormalizer.fold($0) == key } || TextNormalizer.fold(unit.id) == key
        }
    }

    public func violation(_ id: String) -> Violation? { violations.first { $0.id == id } }
}
