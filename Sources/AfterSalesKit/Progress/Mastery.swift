/// How well a trainee masters one rule, from 0 to 1, estimated from recent evidence.
///
/// Each piece of evidence is a number in 0…1: a choice that follows the rule is 1 and one that breaks it 0; a quiz
/// item testing the rule answered correctly 1, wrongly 0; a graded reply gives 0 for each rule it broke and
/// score/100 for each rule whose rubric criterion it met.
///
/// Formula (an exponentially weighted mean with a pessimistic prior):
///
///     S ← λ·S + x        W ← λ·W + 1        mastery = S / W
///     starting from S = 0, W = W₀          (λ = 0.8, W₀ = 1)
///
/// - Recent evidence counts most: the weight of an answer halves about every three newer ones, so a trainee who
///   has learnt a rule climbs quickly and one who starts breaking it again drops quickly.
/// - The prior is one phantom "0" that fades like any other evidence: one correct answer gives 0.56, not 1; five in
///   a row give 0.91; after a long run of correct answers, one mistake gives 0.8.
/// - Old evidence never disappears entirely, but its weight vanishes (λ¹⁰ ≈ 0.1).
/// The order of evidence is the order of the file, so the value is deterministic.
public struct Mastery: Sendable, Equatable {
    public static let decay = 0.8
    public static let priorWeight = 1.0

    public private(set) var weightedSum = 0.0
    public private(set) var weight = Mastery.priorWeight
    /// How many pieces of evidence went in.
    public private(set) var evidence = 0
    public private(set) var lastEvidence: Timestamp?

    public init() {}

    /// Mastery from 0 to 1.
    public var value: Double { weightedSum / weight }

    /// Mastery as a whole percentage.
    public var percent: Int { Int((value * 100).rounded()) }

    /// Adds one piece of evidence (clamped to 0…1).
    public mutating func record(_ score: Double, at time: Timestamp? = nil) {
        let x = score.isFinite ? min(1, max(0, score)) : 0
        weightedSum = Self.decay * weightedSum + x
        weight = Self.decay * weight + 1
        evidence += 1
        if let time { lastEvidence = time }
    }
}
