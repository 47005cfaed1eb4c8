import AfterSalesKit

extension TraineeState {
    /// What the onboarding path needs to know, from the replayed progress.
    var achievements: Curriculum.Achievements {
        var quizBest: [String: Int] = [:]
        for (topic, tally) in quiz.topics where tally.attempts > 0 { quizBest[topic] = Int((tally.rate * 100).rounded()) }
        var scenarioBest: [String: Int] = [:]
        for (id, record) in scenarios { if let best = record.bestScore { scenarioBest[id] = best } }
        var mastery: [String: Int] = [:]
        for group in groups { mastery[group.group] = Int((group.mastery * 100).rounded()) }
        return Curriculum.Achievements(rulesRead: rulesRead, quizBest: quizBest, scenarioBest: scenarioBest, topicMastery: mastery)
    }
}

extension ContentLibrary {
    /// Scenarios that train `rule`, easiest first.
    func scenarios(training rule: String) -> [Scenario] {
        sortedScenarios.filter { scenario in
            scenario.trains.contains(rule) || scenario.deadlines.contains { $0.rule == rule }
                || scenario.nodes.values.contains { node in
                    node.hint == rule || node.reply?.rule == rule || (node.choices ?? []).contains { $0.rule == rule }
                }
        }.sorted { ($0.difficulty, $0.id) < ($1.difficulty, $1.id) }
    }
}
