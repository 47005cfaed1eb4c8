import Foundation

/// What the `progress`, `next` and `rules` commands ask of a trainee's state. Every list is sorted
/// deterministically (ties broken by id), never in dictionary order.
extension TraineeState {
    /// The group of a rule id: the part before the first dot (`claims.contact-buyer-first` → `claims`).
    public static func group(ofRule rule: String) -> String {
        rule.firstIndex(of: ".").map { String(rule[..<$0]) } ?? rule
    }

    /// Mastery of one rule, 0 when there is no evidence yet.
    public func mastery(ofRule rule: String) -> Double { rules[rule]?.mastery.value ?? 0 }

    /// Mean mastery of `ruleIDs`, counting a rule without evidence as 0: what a curriculum step or a topic bar
    /// should show, since a rule never practised is not mastered. 0 for an empty list.
    public func mastery(ofRules ruleIDs: [String]) -> Double {
        let unique = Set(ruleIDs)
        guard !unique.isEmpty else { return 0 }
        return unique.reduce(0) { $0 + mastery(ofRule: $1) } / Double(unique.count)
    }

    public struct GroupMastery: Sendable, Equatable {
        public var group: String
        /// Mean mastery of the group's rules that have evidence.
        public var mastery: Double
        /// Rules of the group with evidence.
        public var rules: Int
        /// Pieces of evidence behind it.
        public var evidence: Int
    }

    /// Mastery per rule group (topic), over the rules practised so far, by group name. For a figure that counts
    /// unpractised rules as 0, pass the group's rule ids from the content to `mastery(ofRules:)`.
    public var groups: [GroupMastery] {
        var sums: [String: (total: Double, rules: Int, evidence: Int)] = [:]
        for (rule, record) in rules where record.mastery.evidence > 0 {
            let group = Self.group(ofRule: rule)
            var entry = sums[group] ?? (0, 0, 0)
            entry.total += record.mastery.value
            entry.rules += 1
            entry.evidence += record.mastery.evidence
            sums[group] = entry
        }
        return sums.keys.sorted().map { group in
            let entry = sums[group]!
            return GroupMastery(group: group, mastery: entry.total / Double(entry.rules), rules: entry.rules, evidence: entry.evidence)
        }
    }

    public struct RuleCount: Sendable, Equatable {
        public var rule: String
        public var count: Int

        public init(rule: String, count: Int) {
            self.rule = rule
            self.count = count
        }
    }

    /// Rules broken most often in play, most first.
    public func mostBroken(limit: Int = 5) -> [RuleCount] {
        rules.compactMap { $0.value.broken > 0 ? RuleCount(rule: $0.key, count: $0.value.broken) : nil }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
            .prefix(limit).map { $0 }
    }

    public struct RuleMastery: Sendable, Equatable {
        public var rule: String
        public var mastery: Double
        public var evidence: Int
    }

    /// Rules with evidence, weakest first: what `next` should train.
    public func weakestRules(limit: Int = 5, minimumEvidence: Int = 1) -> [RuleMastery] {
        var list: [RuleMastery] = []
        for (rule, record) in rules where record.mastery.evidence >= minimumEvidence {
            list.append(RuleMastery(rule: rule, mastery: record.mastery.value, evidence: record.mastery.evidence))
        }
        list.sort { $0.mastery != $1.mastery ? $0.mastery < $1.mastery : $0.rule < $1.rule }
        return Array(list.prefix(limit))
    }

    public struct BestScore: Sendable, Equatable {
        public var scenario: String
        public var score: Int
        public var attempts: Int
    }

    /// Best score of every scenario finished at least once, by scenario id.
    public var bestScores: [BestScore] {
        scenarios.keys.sorted().compactMap { id in
            let record = scenarios[id]!
            return record.bestScore.map { BestScore(scenario: id, score: $0, attempts: record.attempts) }
        }
    }

    public func bestScore(of scenario: String) -> Int? { scenarios[scenario]?.bestScore }

    /// Consecutive practice days up to the day of `now` (in the replay's time zone).
    public func currentStreak(asOf now: Timestamp) -> Int {
        practiceDays.currentStreak(today: PracticeDays.day(of: now, in: timeZone))
    }

    public var longestStreak: Int { practiceDays.longestStreak }

    /// Seconds spent practising: scenario runs plus reviews.
    public var totalSeconds: Double { secondsInScenarios + secondsInReviews }

    /// The latest review of each card.
    public var lastReviews: [String: ReviewRated] { reviews.compactMapValues(\.last) }

    /// Cards whose latest review says they are due at or before `now`, soonest first.
    public func reviewsDue(at now: Timestamp) -> [ReviewRated] {
        lastReviews.values.filter { $0.due <= now }
            .sorted { $0.due != $1.due ? $0.due < $1.due : $0.card < $1.card }
    }

    /// Best score per calendar day (in the replay's time zone), oldest first: the points of a score chart.
    public func dailyBestScores() -> [(day: Int, score: Int)] {
        var best: [Int: Int] = [:]
        for entry in scoreHistory {
            let day = PracticeDays.day(of: entry.time, in: timeZone)
            best[day] = max(best[day] ?? entry.score, entry.score)
        }
        return best.keys.sorted().map { ($0, best[$0]!) }
    }
}
