import Foundation

/// The paper one trainee sits: the items in order, each with its points, topic and (for scenarios) the seed
/// that fixes the buyer's line variants. Recorded in the transcript's header, so grading never has to
/// redo the draw and an instructor can see exactly what each trainee was asked.
public struct ExamPlan: Sendable, Equatable {
    public var seed: UInt64
    public var items: [ExamPlanItem]

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownScenario(String)
        case unknownQuizItem(String)
        case notEnoughItems(topic: String, wanted: Int, available: Int)

        public var description: String {
            switch self {
            case .unknownScenario(let id): return "no scenario '\(id)'"
            case .unknownQuizItem(let id): return "no quiz item '\(id)'"
            case .notEnoughItems(let topic, let wanted, let available):
                return "topic '\(topic)' has \(available) quiz items left to draw, the spec asks for \(wanted)"
            }
        }
    }

    /// Quiz items first (short, a warm-up), then scenarios; each group shuffled when the spec says so.
    /// With `shuffle` off everyone gets the same paper (the spec's seed alone decides topic draws).
    public static func make(spec: ExamSpec, library: ContentLibrary, quiz: ExamQuizBank, trainee: String, attempt: Int)
        throws(Problem) -> ExamPlan
    {
        let seed = spec.shuffle ? mix(spec.seed, "\(ExamTraineeName.key(trainee))#\(attempt)") : spec.seed
        var quizItems: [ExamPlanItem] = []
        var taken = Set<String>()
        for id in spec.quizItems {
            guard let item = quiz.item(id: id) else { throw .unknownQuizItem(id) }
            guard taken.insert(id).inserted else { continue }
            quizItems.append(ExamPlanItem(id: id, kind: .quiz, points: spec.quizPoints, topic: item.topic))
        }
        for (index, draw) in spec.quizDraws.enumerated() {
            let pool = quiz.items(topic: draw.topic).map(\.id).filter { !taken.contains($0) }.sorted()
            guard pool.count >= draw.count else { throw .notEnoughItems(topic: draw.topic, wanted: draw.count, available: pool.count) }
            var random = SeededRandom(seed: mix(seed, "draw#\(index)#\(draw.topic)"))
            for id in shuffled(pool, &random).prefix(draw.count) {
                taken.insert(id)
                quizItems.append(ExamPlanItem(id: id, kind: .quiz, points: spec.quizPoints, topic: draw.topic))
            }
        }
        var scenarios: [ExamPlanItem] = []
        for ref in spec.scenarios {
            guard let scenario = library.scenarios[ref.id]?.value else { throw .unknownScenario(ref.id) }
            guard taken.insert(ref.id).inserted else { continue }
            scenarios.append(ExamPlanItem(id: ref.id, kind: .scenario, points: ref.points, topic: scenario.topic,
                                          seed: mix(seed, "scenario#\(ref.id)")))
        }
        if spec.shuffle {
            var random = SeededRandom(seed: mix(seed, "order"))
            quizItems = shuffled(quizItems, &random)
            scenarios = shuffled(scenarios, &random)
        }
        return ExamPlan(seed: seed, items: quizItems + scenarios)
    }

    /// Fisher–Yates with the seeded generator: the same seed always gives the same order.
    static func shuffled<T>(_ items: [T], _ random: inout SeededRandom) -> [T] {
        var result = items
        guard result.count > 1 else { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            let j = Int(random.next() % UInt64(i + 1))
            result.swapAt(i, j)
        }
        return result
    }

    /// A new seed from a seed and a label, through SHA-256 so nearby labels give unrelated seeds.
    static func mix(_ seed: UInt64, _ label: String) -> UInt64 {
        let hex = Hashing.sha256Hex("\(seed):\(label)")
        return UInt64(hex.prefix(16), radix: 16) ?? seed
    }
}

/// One item of a trainee's paper.
public struct ExamPlanItem: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case scenario, quiz }

    public var id: String
    public var kind: Kind
    public var points: Double
    public var topic: String
    /// For scenarios: the seed of the scenario run.
    public var seed: UInt64?

    public init(id: String, kind: Kind, points: Double, topic: String, seed: UInt64? = nil) {
        self.id = id
        self.kind = kind
        self.points = points
        self.topic = topic
        self.seed = seed
    }
}

/// Trainee names as typed, and the key that decides whether two names are the same person.
public enum ExamTraineeName {
    /// Trimmed, inner whitespace collapsed, case folded: "Wang  Li" and "wang li" are one trainee.
    public static func key(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// A name fit for a transcript: not empty, at most 100 characters, no control characters.
    public static func isValid(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.count <= 100
            && !trimmed.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// A file-name part: ASCII letters and digits of the name, plus a short hash so every name
    /// (including Chinese ones, which have no ASCII letters) gets its own distinct file.
    public static func fileStem(_ name: String) -> String {
        let ascii = key(name).unicodeScalars.map { scalar -> String in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? String(scalar) : "-"
        }.joined()
        let squeezed = ascii.split(separator: "-").joined(separator: "-").prefix(40)
        let hash = Hashing.sha256Hex(key(name)).prefix(8)
        return squeezed.isEmpty ? "trainee-\(hash)" : "\(squeezed)-\(hash)"
    }
}
