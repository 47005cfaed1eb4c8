import Foundation

/// What a finished scenario run feeds into review: the rules broken (their quiz items fall due at once) and
/// how each rubric criterion went in the written replies (criteria missed again and again become skills).
public struct ScenarioLessons: Sendable, Hashable {
    public var lapse: RuleLapse?
    public var observations: [CriterionObservation]

    public init(run: ScenarioRun, time: Date) {
        let broken = run.broken.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        lapse = broken.isEmpty ? nil : RuleLapse(rules: broken, time: time, scenario: run.scenario.id)
        observations = run.transcript.flatMap { entry -> [CriterionObservation] in
            guard case .replied(let node, _, let grade, _) = entry else { return [] }
            return CriterionObservation.from(grade, time: time, scenario: run.scenario.id, node: node)
        }
    }
}
