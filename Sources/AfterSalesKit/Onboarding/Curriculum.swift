/// The onboarding path from `Content/curriculum.yaml`: ordered steps, each unlocked by its prerequisites.
public struct Curriculum: Sendable, Codable {
    public var steps: [Step]

    public struct Step: Sendable, Codable, Identifiable {
        public enum Activity: String, Sendable, Codable { case rules, quiz, play }

        public var id: String
        public var title: Localized
        /// `rules`: read a topic's rule cards; `quiz`: pass its quiz; `play`: play its scenarios at a difficulty.
        public var activity: Activity
        public var topic: String
        public var difficulty: Int?
        /// Steps that must be done first.
        public var requires: [String]
        /// Mastery (0–100) of the topic needed before the step unlocks, beyond the required steps.
        public var threshold: Int?
        /// Score (0–100) that counts a quiz or a scenario as done.
        public var pass: Int

        enum CodingKeys: String, CodingKey { case id, title, activity = "do", topic, difficulty, requires, threshold, pass }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            title = try c.decode(Localized.self, forKey: .title)
            activity = try c.decode(Activity.self, forKey: .activity)
            topic = try c.decode(String.self, forKey: .topic)
            difficulty = try c.decodeIfPresent(Int.self, forKey: .difficulty)
            requires = try c.decodeIfPresent([String].self, forKey: .requires) ?? []
            threshold = try c.decodeIfPresent(Int.self, forKey: .threshold)
            pass = try c.decodeIfPresent(Int.self, forKey: .pass) ?? 70
        }
    }

    public enum Status: String, Sendable, Codable { case done, unlocked, locked }

    /// What the trainee has achieved, as the curriculum needs it (derived from the progress log).
    public struct Achievements: Sendable {
        /// Topics whose rule cards were opened.
        public var rulesRead: Set<String>
        /// Best quiz score (0–100) per topic.
        public var quizBest: [String: Int]
        /// Best scenario score per scenario id.
        public var scenarioBest: [String: Int]
        /// Mastery 0–100 per topic.
        public var topicMastery: [String: Int]

        public init(rulesRead: Set<String> = [], quizBest: [String: Int] = [:], scenarioBest: [String: Int] = [:], topicMastery: [String: Int] = [:]) {
            self.rulesRead = rulesRead
            self.quizBest = quizBest
            self.scenarioBest = scenarioBest
            self.topicMastery = topicMastery
        }
    }

    /// Each step's status, in order. A step is done when its activity reached its pass mark
    /// (for `play`: every scenario of that topic and difficulty), unlocked when its prerequisites are met.
    public func statuses(_ achieved: Achievements, scenarios: [Scenario]) -> [(step: Step, status: Status)] {
        var done = Set<String>()
        var result: [(Step, Status)] = []
        for step in steps {
            let isDone: Bool
            switch step.activity {
            case .rules: isDone = achieved.rulesRead.contains(step.topic)
            case .quiz: isDone = (achieved.quizBest[step.topic] ?? 0) >= step.pass
            case .play:
                let targets = scenarios.filter { $0.topic == step.topic && (step.difficulty == nil || $0.difficulty == step.difficulty) }
                isDone = !targets.isEmpty && targets.allSatisfy { (achieved.scenarioBest[$0.id] ?? -1) >= step.pass }
            }
            let unlocked = step.requires.allSatisfy(done.contains)
                && (achieved.topicMastery[step.topic] ?? 0) >= (step.threshold ?? 0)
            if isDone && unlocked { done.insert(step.id) }
            result.append((step, isDone && unlocked ? .done : unlocked ? .unlocked : .locked))
        }
        return result
    }

    /// Diagnostics for unknown step references, topics and activities.
    public static func lint(_ located: Located<Curriculum>, topics: Set<String>, scenarios: [Scenario]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        for (i, step) in located.value.steps.enumerated() {
            let path: [PathStep] = [.key("steps"), .index(i)]
            if !seen.insert(step.id).inserted { problems.append(located.diagnostic(path + [.key("id")], .duplicateID, "step '\(step.id)' appears twice")) }
            for (j, required) in step.requires.enumerated() where !seen.contains(required) || required == step.id {
                problems.append(located.diagnostic(path + [.key("requires"), .index(j)], .unknownReference,
                                                   "step '\(required)' is not defined before '\(step.id)'"))
            }
            if !topics.contains(step.topic) {
                problems.append(located.diagnostic(path + [.key("topic")], .unknownReference, "unknown topic '\(step.topic)'"))
            } else if step.activity == .play,
                !scenarios.contains(where: { $0.topic == step.topic && (step.difficulty == nil || $0.difficulty == step.difficulty) })
            {
                problems.append(located.diagnostic(path, .unknownReference,
                                                   "no scenario of topic '\(step.topic)' at difficulty \(step.difficulty.map(String.init) ?? "any")"))
            }
            for language in step.title.missing {
                problems.append(located.diagnostic(path + [.key("title")], .missingTranslation, "step title has no \(language.rawValue) text"))
            }
        }
        return problems
    }
}
