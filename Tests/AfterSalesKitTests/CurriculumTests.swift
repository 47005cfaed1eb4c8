import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Onboarding curriculum")
struct CurriculumTests {
    static func library() throws -> ContentLibrary { try ShippedScenarioTests.library() }

    @Test func aNewTraineeHasOnlyTheFirstStepUnlocked() throws {
        let library = try Self.library()
        let curriculum = try #require(library.curriculum?.value)
        let statuses = curriculum.statuses(.init(), scenarios: library.sortedScenarios)
        #expect(statuses.first?.status == .unlocked)
        #expect(statuses.dropFirst().allSatisfy { $0.status == .locked })
    }

    @Test func stepsUnlockAsPrerequisitesAreDoneAndMasteryGrows() throws {
        let library = try Self.library()
        let curriculum = try #require(library.curriculum?.value)
        var achieved = Curriculum.Achievements(rulesRead: ["escalation", "claims"], quizBest: ["claims": 80])
        var statuses = Dictionary(uniqueKeysWithValues: curriculum.statuses(achieved, scenarios: library.sortedScenarios).map { ($0.step.id, $0.status) })
        #expect(statuses["principle-rules"] == .done)
        #expect(statuses["claims-rules"] == .done)
        #expect(statuses["claims-quiz"] == .done)
        #expect(statuses["claims-play-1"] == .unlocked)
        #expect(statuses["apology-rules"] == .locked)
        // Passing one of the two difficulty-1 claims scenarios is not enough; both are.
        let level1 = library.sortedScenarios.filter { $0.topic == "claims" && $0.difficulty == 1 }.map(\.id)
        #expect(level1.count >= 2)
        achieved.scenarioBest = [level1[0]: 90]
        statuses = Dictionary(uniqueKeysWithValues: curriculum.statuses(achieved, scenarios: library.sortedScenarios).map { ($0.step.id, $0.status) })
        #expect(statuses["claims-play-1"] == .unlocked)
        for id in level1 { achieved.scenarioBest[id] = 65 }
        statuses = Dictionary(uniqueKeysWithValues: curriculum.statuses(achieved, scenarios: library.sortedScenarios).map { ($0.step.id, $0.status) })
        #expect(statuses["claims-play-1"] == .done)
        #expect(statuses["apology-rules"] == .unlocked)
    }

    @Test func aThresholdHoldsAStepBackUntilTheTopicIsMastered() throws {
        let yaml = """
            steps:
              - {id: a, title: {en: A, zh: A}, do: rules, topic: claims}
              - {id: b, title: {en: B, zh: B}, do: quiz, topic: claims, requires: [a], threshold: 60}
            """
        let curriculum = try YAMLDocument(file: "c.yaml", text: yaml).decode(Curriculum.self)
        let low = curriculum.statuses(.init(rulesRead: ["claims"], topicMastery: ["claims": 40]), scenarios: [])
        #expect(low.map(\.status) == [.done, .locked])
        let high = curriculum.statuses(.init(rulesRead: ["claims"], topicMastery: ["claims": 60]), scenarios: [])
        #expect(high.map(\.status) == [.done, .unlocked])
    }

    @Test func lintFindsUnknownStepsTopicsAndMissingScenarios() throws {
        let yaml = """
            steps:
              - {id: a, title: {en: A}, do: rules, topic: nowhere}
              - {id: b, title: {en: B, zh: B}, do: play, topic: claims, difficulty: 3, requires: [zzz]}
            """
        let document = try YAMLDocument(file: "c.yaml", text: yaml)
        let located = Located(value: try document.decode(Curriculum.self), document: document, path: [])
        let problems = Curriculum.lint(located, topics: ["claims"], scenarios: [])
        #expect(Set(problems.map(\.code)) == [.unknownReference, .missingTranslation])
        #expect(problems.contains { $0.message.contains("zzz") && $0.line == 3 })
        #expect(problems.contains { $0.message.contains("nowhere") && $0.line == 2 })
    }
}
