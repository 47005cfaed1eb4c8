import Foundation

/// Whether one rubric criterion was met in one graded reply, and where.
public struct CriterionObservation: Sendable, Hashable, Codable {
    public var criterion: String
    public var rule: String?
    public var met: Bool
    public var time: Date
    /// The scenario and node whose reply was graded: where the skill can be practised again.
    public var scenario: String?
    public var node: String?

    public init(criterion: String, rule: String? = nil, met: Bool, time: Date, scenario: String? = nil, node: String? = nil) {
        self.criterion = criterion
        self.rule = rule
        self.met = met
        self.time = time
        self.scenario = scenario
        self.node = node
    }

    /// One observation per criterion of a grade report.
    public static func from(_ report: GradeReport, time: Date, scenario: String? = nil, node: String? = nil) -> [CriterionObservation] {
        guard !report.refused else { return [] }
        return report.criteria.map {
            CriterionObservation(criterion: $0.id, rule: $0.rule.isEmpty ? nil : $0.rule, met: $0.met, time: time, scenario: scenario, node: node)
        }
    }
}

/// A scenario node to play to practise a skill.
public struct PracticeTarget: Sendable, Hashable, Codable {
    public var scenario: String
    public var node: String?

    public init(scenario: String, node: String? = nil) {
        self.scenario = scenario
        self.node = node
    }
}

/// Turns written-reply results into skill cards scheduled by FSRS like quiz items.
///
/// A criterion becomes a skill card once it has been missed `threshold` times ("keeps missing"); from that miss
/// on, every graded reply rates it: missed → Again, met → Good. The history is replayed from the observations,
/// so the skill schedule needs no state of its own.
public struct SkillTracker: Sendable {
    public var threshold: Int
    public var scheduler: ReviewScheduler

    public init(threshold: Int = 2, scheduler: ReviewScheduler = ReviewScheduler()) {
        self.threshold = max(1, threshold)
        self.scheduler = scheduler
    }

    /// Review events for the skill cards, in time order.
    public func events(from observations: [CriterionObservation]) -> [ReviewEvent] {
        var misses: [String: Int] = [:]
        var states: [ReviewCardID: ReviewScheduler.CardState] = [:]
        var events: [ReviewEvent] = []
        for observation in Self.ordered(observations) {
            let card = ReviewCardID.skill(observation.criterion)
            if !observation.met { misses[observation.criterion, default: 0] += 1 }
            guard states[card] != nil || (misses[observation.criterion] ?? 0) >= threshold else { continue }
            let (event, state) = scheduler.rate(states[card], card: card, rating: observation.met ? .good : .again, at: observation.time)
            states[card] = state
            events.append(event)
        }
        return events
    }

    /// For each criterion, where it was last missed (falling back to where it was last graded).
    public func practice(from observations: [CriterionObservation]) -> [String: PracticeTarget] {
        var result: [String: PracticeTarget] = [:]
        var missed: Set<String> = []
        for observation in Self.ordered(observations) {
            guard let scenario = observation.scenario else { continue }
            if !observation.met || !missed.contains(observation.criterion) {
                result[observation.criterion] = PracticeTarget(scenario: scenario, node: observation.node)
            }
            if !observation.met { missed.insert(observation.criterion) }
        }
        return result
    }

    static func ordered(_ observations: [CriterionObservation]) -> [CriterionObservation] {
        observations.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
