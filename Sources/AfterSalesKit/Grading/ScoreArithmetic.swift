/// The score of a reply, step by step, so `--explain` can show exactly how it was reached:
///
/// 1. weighted mean of the criteria that apply: 100 × (weights met) / (weights applicable);
/// 2. minus the penalties of non-critical violations, clamped to 0–100;
/// 3. the good gate: without the rubric's must-haves (or with any violation) the score stays below 80;
/// 4. the floor: with a remedy or clear next step and no critical violation it is at least 50;
/// 5. a critical violation caps the score below 50 (the verdict is `bad` whatever the rest).
public struct GradeArithmetic: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var id: String
        public var weight: Double
        public var applies: Bool
        public var met: Bool
    }

    public struct Penalty: Sendable, Codable, Equatable {
        public var id: String
        public var critical: Bool
        public var points: Double
    }

    public var lines: [Line]
    public var applicableWeight: Double
    public var metWeight: Double
    public var mean: Double
    public var penalties: [Penalty]
    public var afterPenalties: Double
    /// What kept the reply from `good` (missing criteria ids, or violation ids), when the gate applied.
    public var goodMissing: [String]
    public var goodCap: Double?
    /// The gate item that lifted the score to the floor.
    public var floorReason: String?
    public var floor: Double?
    public var criticalCap: Double?
    public var score: Int

    public static let goodThreshold = 80.0
    public static let acceptableThreshold = 50.0

    static func compute(rubric: Rubric, criteria: [RubricEvaluator.CriterionFinding], violations: [RubricEvaluator.ViolationFinding],
                        floorReason: String?) -> GradeArithmetic {
        let lines = criteria.indices.map { index in
            Line(id: rubric.criteria[index].id, weight: rubric.criteria[index].weight, applies: criteria[index].applies,
                 met: criteria[index].applies && criteria[index].met)
        }
        // The same sums in the same order as over filtered copies of `lines`, without the copies.
        let applicable = lines.reduce(0) { $1.applies ? $0 + $1.weight : $0 }
        let met = lines.reduce(0) { $1.met ? $0 + $1.weight : $0 }
        let mean = applicable > 0 ? 100 * met / applicable : 0
        let penalties = violations.map { finding in
            let index = finding.index
            let critical = rubric.violations[index].critical
            return Penalty(id: rubric.violations[index].id, critical: critical, points: critical ? 0 : rubric.violations[index].penalty)
        }
        let afterPenalties = min(100, max(0, mean - penalties.reduce(0) { $0 + $1.points }))
        var score = afterPenalties

        var missing: [String] = []
        for index in rubric.goodAll where criteria[index].applies && !criteria[index].met { missing.append(rubric.criteria[index].id) }
        let anyApplicable = rubric.goodAny.filter { criteria[$0].applies }
        if !anyApplicable.isEmpty && !anyApplicable.contains(where: { criteria[$0].met }) {
            missing.append(anyApplicable.map { rubric.criteria[$0].id }.joined(separator: "|"))
        }
        missing += penalties.map(\.id)
        var goodCap: Double?
        if !missing.isEmpty && score >= goodThreshold - 0.5 {
            goodCap = goodThreshold - 1
            score = goodThreshold - 1
        }
        let critical = penalties.contains(where: \.critical)
        var floor: Double?
        var usedFloorReason: String?
        if !critical, let floorReason, score < acceptableThreshold {
            floor = acceptableThreshold
            usedFloorReason = floorReason
            score = acceptableThreshold
        }
        var criticalCap: Double?
        if critical && score > rubric.criticalCap {
            criticalCap = rubric.criticalCap
            score = rubric.criticalCap
        }
        return GradeArithmetic(
            lines: lines, applicableWeight: applicable, metWeight: met, mean: mean, penalties: penalties, afterPenalties: afterPenalties,
            goodMissing: missing, goodCap: goodCap, floorReason: usedFloorReason, floor: floor, criticalCap: criticalCap,
            score: Int(score.rounded(.toNearestOrAwayFromZero)))
    }
}
