import Foundation

/// One rated review, as the progress log stores it (`review.rated`):
/// `{card, rating 1–4, seconds, due, stability, difficulty, time}`.
///
/// Only `card`, `rating` and `time` drive scheduling: `ReviewScheduler` replays them through FSRS, so a change
/// of parameters reschedules everything consistently. `due`, `stability` and `difficulty` record what was shown.
public struct ReviewEvent: Sendable, Hashable, Codable {
    public var card: ReviewCardID
    public var rating: FSRSRating
    /// Time taken to answer, when measured.
    public var seconds: Double?
    public var due: Date
    public var stability: Double
    public var difficulty: Double
    public var time: Date

    public init(card: ReviewCardID, rating: FSRSRating, seconds: Double? = nil, due: Date, stability: Double,
                difficulty: Double, time: Date) {
        self.card = card
        self.rating = rating
        self.seconds = seconds
        self.due = due
        self.stability = stability
        self.difficulty = difficulty
        self.time = time
    }
}

/// Rules a trainee broke in a scenario at a given time: every quiz item testing one of them falls due then.
public struct RuleLapse: Sendable, Hashable, Codable {
    public var rules: [String]
    public var time: Date
    /// The scenario where it happened, for the message.
    public var scenario: String?

    public init(rules: [String], time: Date, scenario: String? = nil) {
        self.rules = rules
        self.time = time
        self.scenario = scenario
    }
}
