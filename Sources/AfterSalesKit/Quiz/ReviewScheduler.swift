import Foundation

/// FSRS applied to cards over time: one review at a time, or a whole history replayed.
///
/// This is the long-term FSRS scheduler without sub-day learning steps and without fuzz (the same results as
/// py-fsrs `Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)`): every rating gives an
/// interval of whole days at the desired retention. Elapsed time counts whole days, rounded down, as py-fsrs does;
/// a second review within a day uses the same-day formula (w17–w19).
public struct ReviewScheduler: Sendable {
    public var fsrs: FSRS
    public static let secondsPerDay = 86_400.0

    public init(fsrs: FSRS = FSRS()) {
        self.fsrs = fsrs
    }

    /// What is known about one card after its reviews so far.
    public struct CardState: Sendable, Hashable {
        public var card: ReviewCardID
        public var memory: FSRSMemoryState
        public var lastReview: Date
        public var due: Date
        public var reviews: Int
        /// Reviews rated Again.
        public var lapses: Int
        public var lastRating: FSRSRating
    }

    /// The state after rating `card` at `time`, given its state before (nil if never reviewed).
    public func review(_ previous: CardState?, card: ReviewCardID, rating: FSRSRating, at time: Date) -> CardState {
        let elapsed = previous.map { Self.wholeDays(from: $0.lastReview, to: time) } ?? 0
        let memory = fsrs.next(previous?.memory, rating: rating, elapsedDays: elapsed)
        let days = fsrs.scheduledDays(stability: memory.stability)
        return CardState(
            card: card, memory: memory, lastReview: time,
            due: time.addingTimeInterval(Double(days) * Self.secondsPerDay),
            reviews: (previous?.reviews ?? 0) + 1, lapses: (previous?.lapses ?? 0) + (rating == .again ? 1 : 0),
            lastRating: rating)
    }

    /// The review event to record for rating `card` at `time`, and the state it leads to.
    public func rate(_ previous: CardState?, card: ReviewCardID, rating: FSRSRating, at time: Date,
                     seconds: Double? = nil) -> (event: ReviewEvent, state: CardState) {
        let state = review(previous, card: card, rating: rating, at: time)
        let event = ReviewEvent(card: card, rating: rating, seconds: seconds, due: state.due,
                                stability: state.memory.stability, difficulty: state.memory.difficulty, time: time)
        return (event, state)
    }

    /// Every card's state after replaying `events` in time order (ties keep their order in the list).
    public func replay(_ events: [ReviewEvent]) -> [ReviewCardID: CardState] {
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var states: [ReviewCardID: CardState] = [:]
        for event in ordered {
            states[event.card] = review(states[event.card], card: event.card, rating: event.rating, at: event.time)
        }
        return states
    }

    /// Whole days between two instants, rounded down (negative spans count as 0).
    public static func wholeDays(from start: Date, to end: Date) -> Int {
        let seconds = end.timeIntervalSince(start)
        return seconds <= 0 ? 0 : Int((seconds / secondsPerDay).rounded(.down))
    }
}
