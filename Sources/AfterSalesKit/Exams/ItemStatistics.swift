import Foundation

/// Item analysis as in Moodle's quiz statistics report.
///
/// - Facility index: the mean share of the item's points the class earned (0 = nobody, 1 = everyone
///   full marks). Moodle prints it as a percentage.
/// - Discrimination index: the Pearson correlation between the item's score and the score on the rest
///   of the test (the whole test without this item, so the item does not correlate with itself) —
///   Moodle's "discrimination index", not the top/bottom-third method. −1…1; undefined (nil) with fewer
///   than three trainees or when either side has no spread.
///
/// Items are flagged when facility < 0.2 (too hard) or > 0.95 (too easy), when discrimination < 0.2
/// (barely tells strong from weak trainees), negative (weak trainees do better: check the key or wording),
/// or cannot be computed.
public enum ItemStatistics {
    public static let hardBelow = 0.2
    public static let easyAbove = 0.95
    public static let weakBelow = 0.2
    public static let minimumClass = 3

    public enum Flag: String, Sendable, Codable, CaseIterable {
        case tooHard = "too-hard", tooEasy = "too-easy", weak, negative
        case noSpread = "no-spread"
        case fewAnswers = "few-answers"
    }

    /// One trainee's score on an item and on the rest of the test, both as shares 0–1.
    public struct Pair: Sendable, Equatable {
        public var item: Double
        public var rest: Double
        public init(item: Double, rest: Double) {
            self.item = item
            self.rest = rest
        }
    }

    public static func facility(_ pairs: [Pair]) -> Double? {
        pairs.isEmpty ? nil : pairs.reduce(0) { $0 + $1.item } / Double(pairs.count)
    }

    public static func discrimination(_ pairs: [Pair]) -> Double? {
        guard pairs.count >= minimumClass else { return nil }
        return pearson(pairs.map(\.item), pairs.map(\.rest))
    }

    /// Pearson's r; nil when either variable is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 1e-12, syy > 1e-12 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    public static func flags(facility: Double?, discrimination: Double?, count: Int) -> [Flag] {
        var flags: [Flag] = []
        if let facility {
            if facility < hardBelow { flags.append(.tooHard) }
            if facility > easyAbove { flags.append(.tooEasy) }
        }
        if count < minimumClass {
            flags.append(.fewAnswers)
        } else if let discrimination {
            if discrimination < 0 { flags.append(.negative) } else if discrimination < weakBelow { flags.append(.weak) }
        } else {
            flags.append(.noSpread)
        }
        return flags
    }

    /// Rounded to 4 decimals so reports (and their tests) do not depend on the last bits of a double.
    public static func round(_ value: Double?) -> Double? {
        value.map { ($0 * 10_000).rounded() / 10_000 }
    }
}
