import AfterSalesKit
import Foundation

/// The review history as the scheduler needs it, read from and written to the trainee's progress file:
/// `review.rated` events, the rules broken in finished scenarios (`scenario.ended`), and how each rubric
/// criterion went in written replies (`reply.graded`).
struct ReviewLog {
    let progress: ProgressSession

    struct Contents {
        var events: [ReviewEvent] = []
        var lapses: [RuleLapse] = []
        var observations: [CriterionObservation] = []
        var unreadable = 0
    }

    func read() -> Contents {
        var contents = Contents()
        // Criteria each rubric has been seen to miss: a later reply to that rubric without the miss counts as met.
        var missedBefore: [String: Set<String>] = [:]
        for event in progress.events() {
            switch event {
            case .reviewRated(let e):
                guard let card = ReviewCardID(e.card), let rating = FSRSRating(rawValue: e.rating) else {
                    contents.unreadable += 1
                    continue
                }
                contents.events.append(ReviewEvent(card: card, rating: rating, seconds: e.seconds, due: e.due.date,
                                                   stability: e.stability, difficulty: e.difficulty, time: e.time.date))
            case .scenarioEnded(let e) where !e.broken.isEmpty:
                contents.lapses.append(RuleLapse(rules: e.broken, time: e.time.date, scenario: e.scenario))
            case .replyGraded(let e):
                let missed = Set(e.missed)
                for criterion in e.missed {
                    contents.observations.append(CriterionObservation(criterion: criterion, met: false, time: e.time.date,
                                                                      scenario: e.scenario, node: e.node))
                }
                for criterion in missedBefore[e.rubric, default: []].subtracting(missed).sorted() {
                    contents.observations.append(CriterionObservation(criterion: criterion, met: true, time: e.time.date,
                                                                      scenario: e.scenario, node: e.node))
                }
                missedBefore[e.rubric, default: []].formUnion(missed)
            default:
                continue
            }
        }
        return contents
    }

    func append(_ events: [ReviewEvent]) {
        for event in events {
            progress.record(.reviewRated(ReviewRated(
                time: Timestamp(event.time), card: event.card.description, rating: event.rating.rawValue,
                seconds: event.seconds ?? 0, due: Timestamp(event.due), stability: event.stability, difficulty: event.difficulty)))
        }
    }
}
