import Foundation
import Testing

@testable import AfterSalesKit

/// Plays every shipped scenario along its best and its worst path and checks where it ends.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func library() throws -> ContentLibrary { try ContentLoader(root: root).load() }

    enum Strategy { case best, worst }

    /// Picks the highest- (or lowest-) point choice at each decision; replies get a perfect (or zero) grade.
    static func play(_ scenario: Scenario, _ library: ContentLibrary, _ strategy: Strategy) throws -> ScenarioRun {
        var run = ScenarioRun(scenario: scenario, flows: library.flows.mapValues(\.value), rules: library.rules, seed: 1)
        var steps = 0
        while !run.isFinished {
            steps += 1
            guard steps < 200 else { Issue.record("\(scenario.id): no ending after 200 steps"); break }
            #expect((0...100).contains(run.points), "\(scenario.id): running score \(run.points) left 0–100")
            switch run.step {
            case .decide(_, let offered):
                let ranked = offered.sorted { $0.choice.effect.points < $1.choice.effect.points }
                try run.choose((strategy == .best ? ranked.last! : ranked.first!).number)
            case .write(_, let spec):
                let score = strategy == .best ? 100 : 0
                let violations = strategy == .best ? [] : [ViolationResult(id: "blame_buyer", rule: "apology.no-blame", critical: true, penalty: 0)]
                try run.reply(spec.model ?? "", grade: GradeReport(rubric: spec.rubric, score: score,
                                                                  verdict: strategy == .best ? .good : .bad, violations: violations))
            case .ended:
                break
            }
        }
        return run
    }

    @Test func everyScenarioEndsWithinRangeOnItsBestAndWorstPath() throws {
        let library = try Self.library()
        #expect(!library.scenarios.isEmpty)
        for scenario in library.sortedScenarios {
            let best = try Self.play(scenario, library, .best)
            let worst = try Self.play(scenario, library, .worst)
            #expect(best.isFinished && worst.isFinished, "\(scenario.id) must end")
            #expect((0...100).contains(best.points) && (0...100).contains(worst.points), "\(scenario.id) scores in 0–100")
            #expect(best.score > worst.score, "\(scenario.id): best path \(best.score) should beat worst \(worst.score)")
            #expect(best.ending != worst.ending, "\(scenario.id): best and worst paths should end differently")
            let bestOutcome = best.ending.flatMap { scenario.endings[$0]?.outcome }
            #expect(bestOutcome == "resolved" || bestOutcome == "review-removed", "\(scenario.id): best path ends \(bestOutcome ?? "nowhere")")
            #expect(best.score >= 80, "\(scenario.id): best path scores only \(best.score)")
        }
    }

    @Test func shippedContentLintsWithoutErrors() throws {
        let report = ContentLinter(library: try Self.library()).run()
        #expect(report.errors.isEmpty, "\(report.errors.map(\.description).joined(separator: "\n"))")
    }
}
