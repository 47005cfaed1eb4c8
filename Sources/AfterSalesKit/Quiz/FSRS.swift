import Foundation

/// The FSRS-6 memory model: the published formulas, nothing home-made.
///
/// Sources: open-spaced-repetition/fsrs-rs `src/model_v6.rs` (power_forgetting_curve, next_interval,
/// stability_after_success/failure, stability_short_term, mean_reversion, init_difficulty) and py-fsrs 6.3.2
/// `fsrs/scheduler.py` (`_initial_stability`, `_initial_difficulty`, `_next_difficulty` with `_linear_damping`
/// and `_mean_reversion`, `_next_recall_stability`, `_next_forget_stability`, `_short_term_stability`,
/// `_next_interval`). In formulas, G is the rating 1–4, t elapsed days, S stability, D difficulty, R retrievability.
public struct FSRS: Sendable, Hashable {
    public var parameters: FSRSParameters

    public init(parameters: FSRSParameters = .standard) {
        self.parameters = parameters
    }

    private var w: [Double] { parameters.w }

    /// R(t, S) = (1 + factor · t / S)^(−w20), with factor = 0.9^(−1/w20) − 1 so that R(S, S) = 0.9.
    public func retrievability(elapsedDays t: Double, stability s: Double) -> Double {
        pow(1 + parameters.factor * max(0, t) / max(s, FSRSParameters.stabilityMin), parameters.decay)
    }

    /// The t at which R(t, S) = r: t = S / factor · (r^(1/decay) − 1). Unrounded days.
    public func interval(stability s: Double, retention r: Double? = nil) -> Double {
        let retention = r ?? parameters.desiredRetention
        return s / parameters.factor * (pow(retention, 1 / parameters.decay) - 1)
    }

    /// Whole days to the next review: the interval at the desired retention, rounded, at least 1, at most the maximum.
    public func scheduledDays(stability s: Double) -> Int {
        let days = Int(interval(stability: s).rounded())
        return min(max(days, 1), parameters.maximumInterval)
    }

    /// S0(G) = w[G−1].
    public func initialStability(_ rating: FSRSRating) -> Double {
        clampStability(w[rating.rawValue - 1])
    }

    /// D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to 1…10 unless `clamped` is false (mean reversion uses it unclamped).
    public func initialDifficulty(_ rating: FSRSRating, clamped: Bool = true) -> Double {
        let d = w[4] - exp(w[5] * Double(rating.rawValue - 1)) + 1
        return clamped ? clampDifficulty(d) : d
    }

    /// ΔD = −w6·(G − 3); linear damping D′ = D + ΔD·(10 − D)/9; mean reversion D″ = w7·D0(4) + (1 − w7)·D′; clamped 1…10.
    public func nextDifficulty(_ d: Double, _ rating: FSRSRating) -> Double {
        let delta = -w[6] * Double(rating.rawValue - 3)
        let damped = d + delta * (10 - d) / 9
        let reverted = w[7] * initialDifficulty(.easy, clamped: false) + (1 - w[7]) * damped
        return clampDifficulty(reverted)
    }

    /// S′r = S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1 − R)) − 1) · w15 [Hard] · w16 [Easy]).
    public func recallStability(difficulty d: Double, stability s: Double, retrievability r: Double, rating: FSRSRating) -> Double {
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        let growth = exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp(w[10] * (1 - r)) - 1) * hardPenalty * easyBonus
        return clampStability(s * (1 + growth))
    }

    /// S′f = min(w11 · D^(−w12) · ((S + 1)^w13 − 1) · e^(w14·(1 − R)), S / e^(w17·w18)).
    public func forgetStability(difficulty d: Double, stability s: Double, retrievability r: Double) -> Double {
        let longTerm = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp(w[14] * (1 - r))
        let shortTermCap = s / exp(w[17] * w[18])
        return clampStability(min(longTerm, shortTermCap))
    }

    /// Same-day review: S′s = S · e^(w17·(G − 3 + w18)) · S^(−w19); for Hard, Good and Easy the factor is at least 1.
    public func shortTermStability(_ s: Double, _ rating: FSRSRating) -> Double {
        var increase = exp(w[17] * (Double(rating.rawValue) - 3 + w[18])) * pow(s, -w[19])
        if rating >= .hard { increase = max(increase, 1) }
        return clampStability(s * increase)
    }

    /// The memory state after a review. `state` is nil for a card's first review; `elapsedDays` is the number
    /// of whole days since the previous review (below 1 → the same-day formula).
    public func next(_ state: FSRSMemoryState?, rating: FSRSRating, elapsedDays: Int) -> FSRSMemoryState {
        guard let state else {
            return FSRSMemoryState(stability: initialStability(rating), difficulty: initialDifficulty(rating))
        }
        let stability: Double
        if elapsedDays < 1 {
            stability = shortTermStability(state.stability, rating)
        } else {
            let r = retrievability(elapsedDays: Double(elapsedDays), stability: state.stability)
            stability = rating == .again
                ? forgetStability(difficulty: state.difficulty, stability: state.stability, retrievability: r)
                : recallStability(difficulty: state.difficulty, stability: state.stability, retrievability: r, rating: rating)
        }
        return FSRSMemoryState(stability: stability, difficulty: nextDifficulty(state.difficulty, rating))
    }

    func clampStability(_ s: Double) -> Double { min(max(s, FSRSParameters.stabilityMin), FSRSParameters.stabilityMax) }
    func clampDifficulty(_ d: Double) -> Double { min(max(d, 1), 10) }
}
