import Foundation

/// The 21 weights of FSRS-6 and the scheduler's settings.
///
/// Default weights: `FSRS6_DEFAULT_PARAMETERS` in open-spaced-repetition/fsrs-rs `src/inference.rs` (the Rust
/// implementation Anki uses), identical to `DEFAULT_PARAMETERS` in py-fsrs `fsrs/scheduler.py` (PyPI `fsrs` 6.3.2)
/// and `default_w` in ts-fsrs `src/fsrs/constant.ts` ("FSRS-6.0"). Meaning, by index:
/// w0–w3 initial stability for Again/Hard/Good/Easy; w4, w5 initial difficulty; w6 difficulty change per grade;
/// w7 mean reversion; w8–w10 stability after recall; w11–w14 stability after forgetting; w15 Hard penalty;
/// w16 Easy bonus; w17–w19 same-day (short-term) reviews; w20 the trainable decay of the forgetting curve.
/// (Some later library releases ship a re-fitted vector, e.g. 0.2172, 1.1771, … w20 = 0.2; the formulas are the
/// same and any valid vector can be passed in.)
public struct FSRSParameters: Sendable, Hashable, Codable {
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]
    /// Lower and upper bounds of each weight, as py-fsrs and ts-fsrs clamp them.
    public static let bounds: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4, 0.001...0.75,
        0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9, 0...4, 0...1, 1...6,
        0...2, 0...2, 0...0.8, 0.1...0.8,
    ]
    public static let stabilityMin = 0.001
    public static let stabilityMax = 36500.0

    public var w: [Double]
    /// Probability of recall at which a card falls due (0.9 = review when recall has dropped to 90 %).
    public var desiredRetention: Double
    /// Longest interval in days.
    public var maximumInterval: Int

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(w: [Double] = FSRSParameters.defaultWeights, desiredRetention: Double = 0.9, maximumInterval: Int = 36500) throws(Invalid) {
        guard w.count == 21 else { throw Invalid(description: "FSRS-6 needs 21 weights, got \(w.count)") }
        for (index, value) in w.enumerated() where !Self.bounds[index].contains(value) {
            throw Invalid(description: "w\(index) = \(value) is outside \(Self.bounds[index])")
        }
        guard desiredRetention > 0, desiredRetention < 1 else {
            throw Invalid(description: "desired retention must be between 0 and 1, got \(desiredRetention)")
        }
        guard maximumInterval >= 1 else { throw Invalid(description: "maximum interval must be at least 1 day") }
        self.w = w
        self.desiredRetention = desiredRetention
        self.maximumInterval = maximumInterval
    }

    /// The published defaults with desired retention 0.9.
    public static let standard = try! FSRSParameters()

    /// The exponent of the forgetting curve, −w20.
    public var decay: Double { -w[20] }
    /// Chosen so that R(S, S) = 0.9: factor = 0.9^(1/decay) − 1 = 0.9^(−1/w20) − 1.
    public var factor: Double { pow(0.9, 1 / decay) - 1 }
}

/// The four grades of a review, as in Anki and every FSRS implementation.
public enum FSRSRating: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case again = 1, hard = 2, good = 3, easy = 4

    public static func < (lhs: FSRSRating, rhs: FSRSRating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What FSRS knows about one card's memory: stability S (days until recall drops to 90 %) and difficulty D (1–10).
public struct FSRSMemoryState: Sendable, Hashable, Codable {
    public var stability: Double
    public var difficulty: Double

    public init(stability: Double, difficulty: Double) {
        self.stability = stability
        self.difficulty = difficulty
    }
}
