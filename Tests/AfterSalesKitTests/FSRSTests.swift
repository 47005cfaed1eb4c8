import Foundation
import Testing

@testable import AfterSalesKit

/// FSRS-6 against reference values. Every expected number below was computed once by
/// `scripts/fsrs-reference.py`, which evaluates the published formulas directly (Python `math`, no FSRS library)
/// with the default weights; the card history at the end was also reproduced with py-fsrs 6.3.2
/// (`Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)`), and the recall/forget/curve values
/// match the f32 expectations in fsrs-rs `src/model_v6.rs` tests to 1e-5.
@Suite("FSRS-6 scheduler")
struct FSRSTests {
    let fsrs = FSRS()

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    @Test func defaultParametersAreThePublishedTwentyOne() throws {
        let p = FSRSParameters.standard
        #expect(p.w.count == 21)
        #expect(p.w[0] == 0.212 && p.w[3] == 8.2956 && p.w[17] == 0.5425 && p.w[19] == 0.0658)
        #expect(p.w[20] == 0.1542, "w20 is the trainable decay")
        #expect(p.desiredRetention == 0.9)
        #expect(Self.close(p.factor, 0.9803464944134797, 1e-12))
    }

    @Test func parametersAreValidated() {
        #expect(throws: FSRSParameters.Invalid.self) { try FSRSParameters(w: Array(FSRSParameters.defaultWeights.prefix(19))) }
        var w = FSRSParameters.defaultWeights
        w[20] = 0.05
        #expect(throws: FSRSParameters.Invalid.self) { try FSRSParameters(w: w) }
        #expect(throws: FSRSParameters.Invalid.self) { try FSRSParameters(desiredRetention: 1.0) }
    }

    @Test(arguments: [
        (0.0, 1.0, 1.0), (1.0, 2.0, 0.9403442888929227), (5.0, 5.0, 0.9), (10.0, 3.0, 0.7995068598704307),
        (100.0, 10.0, 0.6928266345726217), (30.0, 2.3065, 0.6675263338730357),
    ])
    func retrievability(t: Double, s: Double, expected: Double) {
        #expect(Self.close(fsrs.retrievability(elapsedDays: t, stability: s), expected, 1e-12))
    }

    @Test(arguments: [
        (10.0, 0.9, 10.0), (10.0, 0.8, 33.159597862309816), (10.0, 0.95, 4.02558691989992),
        (2.3065, 0.9, 2.3065), (100.0, 0.85, 190.64261330529584),
    ])
    func intervalForDesiredRetention(s: Double, retention: Double, expected: Double) {
        #expect(Self.close(fsrs.interval(stability: s, retention: retention), expected, 1e-9))
    }

    @Test func desiredRetentionChangesTheInterval() throws {
        let strict = FSRS(parameters: try FSRSParameters(desiredRetention: 0.95))
        #expect(strict.scheduledDays(stability: 10) == 4)
        #expect(fsrs.scheduledDays(stability: 10) == 10)
        #expect(fsrs.scheduledDays(stability: 0.2) == 1, "at least one day")
        #expect(fsrs.scheduledDays(stability: 1e6) == 36500, "at most the maximum interval")
    }

    @Test func initialStabilityAndDifficulty() {
        let stability = [0.212, 1.2931, 2.3065, 8.2956]
        let difficulty = [6.4133, 5.112170705601055, 2.118103970459015, 1.0]
        for rating in FSRSRating.allCases {
            #expect(fsrs.initialStability(rating) == stability[rating.rawValue - 1])
            #expect(Self.close(fsrs.initialDifficulty(rating), difficulty[rating.rawValue - 1], 1e-12))
        }
    }

    @Test func difficultyUpdateWithLinearDampingAndMeanReversion() {
        let expected = [8.341762369296838, 6.665995369296838, 4.9902283692968386, 3.3144613692968385]
        for rating in FSRSRating.allCases {
            #expect(Self.close(fsrs.nextDifficulty(5, rating), expected[rating.rawValue - 1], 1e-12))
        }
        #expect(Self.close(fsrs.nextDifficulty(9.5, .again), 9.820881769296838, 1e-12), "damped near the top")
        #expect(fsrs.nextDifficulty(1, .easy) == 1, "clamped at 1")
    }

    @Test func stabilityAfterRecall() {
        #expect(Self.close(fsrs.recallStability(difficulty: 5, stability: 10, retrievability: 0.9, rating: .hard), 23.246875110466817))
        #expect(Self.close(fsrs.recallStability(difficulty: 5, stability: 10, retrievability: 0.9, rating: .good), 32.02672948198673))
        #expect(Self.close(fsrs.recallStability(difficulty: 5, stability: 10, retrievability: 0.9, rating: .easy), 51.25386164681294))
        #expect(Self.close(fsrs.recallStability(difficulty: 3, stability: 2, retrievability: 0.7, rating: .good), 27.002015369113384))
        // fsrs-rs model_v6.rs test_next_stability (f32): S = 5, D = 1…4, R = 0.9…0.6, ratings 1…4 (recall branch).
        let rs = [25.602541, 28.226582, 58.656002, 127.226685]
        for (index, rating) in FSRSRating.allCases.enumerated() {
            let value = fsrs.recallStability(difficulty: Double(index + 1), stability: 5, retrievability: 0.9 - 0.1 * Double(index), rating: rating)
            #expect(Self.close(value, rs[index], 1e-4))
        }
    }

    @Test func stabilityAfterForgetting() {
        #expect(Self.close(fsrs.forgetStability(difficulty: 5, stability: 10, retrievability: 0.9), 1.3919869729546932))
        #expect(Self.close(fsrs.forgetStability(difficulty: 8, stability: 30, retrievability: 0.6), 3.7021613907188455))
        // Capped by S / e^(w17·w18) for small S.
        #expect(Self.close(fsrs.forgetStability(difficulty: 5, stability: 0.5, retrievability: 0.9), 0.17825939158422766))
    }

    @Test func sameDayStability() {
        let expected = [0.6784219062855582, 2.0, 2.007748803366632, 3.4539347765046675]
        for rating in FSRSRating.allCases {
            #expect(Self.close(fsrs.shortTermStability(2, rating), expected[rating.rawValue - 1], 1e-12))
        }
        #expect(fsrs.shortTermStability(50, .good) == 50, "Good never lowers stability on the same day")
    }

    /// One card through first review, a review on time, a lapse, a same-day review, Hard and Easy.
    @Test func cardHistoryMatchesTheReference() {
        let scheduler = ReviewScheduler()
        let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01 09:00 UTC
        let card = ReviewCardID.quiz("x")
        let steps: [(Double, FSRSRating, Double, Double, Int)] = [
            (0, .good, 2.3065, 2.118103970459015, 2),
            (2, .good, 10.964332335820703, 2.1112142357853942, 11),
            (13, .again, 1.5383372358832696, 7.392238132342694, 2),
            (13.2, .good, 1.57119726342993, 7.38007426350719, 2),
            (14.5, .hard, 2.78872726916042, 8.24599957687359, 3),
            (40, .easy, 23.780416134546492, 7.6451227411813, 24),
        ]
        var state: ReviewScheduler.CardState?
        var events: [ReviewEvent] = []
        for (day, rating, s, d, interval) in steps {
            let time = start.addingTimeInterval(day * 86_400)
            let (event, next) = scheduler.rate(state, card: card, rating: rating, at: time)
            #expect(Self.close(next.memory.stability, s, 1e-9), "S after day \(day)")
            #expect(Self.close(next.memory.difficulty, d, 1e-9), "D after day \(day)")
            #expect(next.due == time.addingTimeInterval(Double(interval) * 86_400), "interval after day \(day)")
            #expect(event.stability == next.memory.stability && event.due == next.due)
            state = next
            events.append(event)
        }
        #expect(state?.lapses == 1 && state?.reviews == 6)
        // Replaying the same events (in any order) gives the same final state.
        let replayed = scheduler.replay(events.reversed())[card]
        #expect(replayed == state)
    }
}
