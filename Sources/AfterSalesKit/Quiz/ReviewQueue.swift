import Foundation

/// Today's review: quiz items that are due (oldest first), skills that are due, then new items up to a
/// daily limit. Built from the review history by pure functions: no files, no clock of its own.
///
/// Rules broken in a scenario (`RuleLapse`) make every item that tests them due at the time of the lapse,
/// unless the item has been reviewed since: mistakes made in practice come back in review.
public struct ReviewQueue: Sendable {
    public enum Reason: Sendable, Hashable {
        case due
        /// Due because `rule` was broken in a scenario.
        case lapse(rule: String, scenario: String?)
        case new
    }

    public struct Entry: Sendable, Hashable {
        public var card: ReviewCardID
        public var reason: Reason
        /// When it fell due (nil for new items).
        public var due: Date?
        public var state: ReviewScheduler.CardState?
    }

    /// Quiz items due now, most overdue first.
    public var due: [Entry]
    /// Skill cards due now, most overdue first.
    public var skills: [Entry]
    /// Never-reviewed quiz items, up to what is left of today's limit.
    public var new: [Entry]
    public var newLimit: Int
    /// New items already started today.
    public var newToday: Int
    /// Every card's state after the history.
    public var states: [ReviewCardID: ReviewScheduler.CardState]
    /// The earliest card falling due after `now`, for "nothing is due until …".
    public var next: (card: ReviewCardID, due: Date)?

    /// The quiz items to ask, in order: due first, then new.
    public var quizEntries: [Entry] { due + new }

    /// - Parameters:
    ///   - items: the quiz items that exist (id and rule ids), in the order new ones should be introduced.
    ///   - skills: ids of skill cards (criteria) that exist; events for other cards are ignored.
    ///   - events: every review so far (quiz and skill cards).
    ///   - lapses: rules broken in scenarios.
    ///   - dayStart: the start of the trainee's current day, for the daily limit of new items.
    public static func build(items: [(id: String, rules: [String])], skills: Set<String> = [], events: [ReviewEvent],
                             lapses: [RuleLapse] = [], now: Date, dayStart: Date, newLimit: Int = 10,
                             scheduler: ReviewScheduler = ReviewScheduler()) -> ReviewQueue {
        let known = Set(items.map { ReviewCardID.quiz($0.id) }).union(skills.map { ReviewCardID.skill($0) })
        let relevant = events.filter { known.contains($0.card) }
        let states = scheduler.replay(relevant)
        let firstReview = Dictionary(relevant.map { ($0.card, $0.time) }, uniquingKeysWith: min)
        let newToday = firstReview.filter { $0.key.kind == .quiz && $0.value >= dayStart && $0.value <= now }.count

        var due: [Entry] = []
        var fresh: [Entry] = []
        for item in items {
            let card = ReviewCardID.quiz(item.id)
            let state = states[card]
            if let lapse = Self.lapse(for: item.rules, lapses: lapses, since: state?.lastReview, now: now) {
                let when = min(state?.due ?? lapse.time, lapse.time)
                due.append(Entry(card: card, reason: .lapse(rule: lapse.rule, scenario: lapse.scenario), due: when, state: state))
            } else if let state {
                if state.due <= now { due.append(Entry(card: card, reason: .due, due: state.due, state: state)) }
            } else {
                fresh.append(Entry(card: card, reason: .new, due: nil, state: nil))
            }
        }
        due.sort { ($0.due ?? now, $0.card) < ($1.due ?? now, $1.card) }
        let skillEntries = states.values
            .filter { $0.card.kind == .skill && $0.due <= now }
            .map { Entry(card: $0.card, reason: .due, due: $0.due, state: $0) }
            .sorted { ($0.due ?? now, $0.card) < ($1.due ?? now, $1.card) }
        let remaining = max(0, newLimit - newToday)
        let next = states.values.filter { $0.due > now }.min { ($0.due, $0.card) < ($1.due, $1.card) }
        return ReviewQueue(due: due, skills: skillEntries, new: Array(fresh.prefix(remaining)), newLimit: newLimit,
                           newToday: newToday, states: states, next: next.map { ($0.card, $0.due) })
    }

    /// Ids of the questions that test any of `brokenRules`: the items a scenario's mistakes make due at once.
    public static func itemsTesting(_ brokenRules: Set<String>, in questions: [QuizQuestion]) -> [String] {
        questions.filter { !brokenRules.isDisjoint(with: $0.rules) }.map(\.id)
    }

    /// The earliest lapse, at or before `now` and after the last review, of one of `rules`.
    static func lapse(for rules: [String], lapses: [RuleLapse], since lastReview: Date?, now: Date)
        -> (rule: String, time: Date, scenario: String?)?
    {
        var best: (rule: String, time: Date, scenario: String?)?
        for lapse in lapses where lapse.time <= now && (lastReview.map { lapse.time > $0 } ?? true) {
            guard let rule = lapse.rules.first(where: rules.contains) else { continue }
            if best == nil || lapse.time < best!.time { best = (rule, lapse.time, lapse.scenario) }
        }
        return best
    }

    /// Midnight at the start of `now`'s day in `timeZone` (Gregorian calendar).
    public static func startOfDay(_ now: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: now)
    }
}
