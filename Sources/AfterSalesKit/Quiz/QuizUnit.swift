/// A unit a numeric answer may be given in, from `Content/quiz/vocabulary.yaml`.
///
/// Units of the same `dimension` convert through `factor` (days = 24 × hours), so "2 days" answers a
/// 48-hour question; units of another dimension ("48 dollars") are refused with a second try, never marked wrong.
public struct QuizUnit: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    /// Units convert only within one dimension, e.g. `time`, `business-time`, `money`, `ratio`, `count`.
    public var dimension: String
    /// How many base units of the dimension one of this unit is.
    public var factor: Double
    /// How a value is shown, with `{n}` for the number: `{en: "{n} hours", zh: "{n} 小时"}`.
    public var show: Localized
    /// Spellings a trainee may type after (or, like `$`, before) the number, in either language.
    public var aliases: [String]

    public init(id: String, dimension: String, factor: Double = 1, show: Localized, aliases: [String]) {
        self.id = id
        self.dimension = dimension
        self.factor = factor
        self.show = show
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey { case id, dimension, factor, show, aliases }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        dimension = try c.decode(String.self, forKey: .dimension)
        factor = try c.decodeIfPresent(Double.self, forKey: .factor) ?? 1
        show = try c.decode(Localized.self, forKey: .show)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    /// `value` in this unit, formatted for `language`.
    public func format(_ value: Double, _ language: Language) -> String {
        Template.fill(show.text(language), ["n": NumberText.format(value)])
    }
}

/// Plain, locale-independent number formatting, so output is the same on every machine.
public enum NumberText {
    /// `48`, `0.5`, `1,000`, `10,000`: no trailing zeros, thousands grouped with commas from 1,000 up.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let negative = value < 0
        let magnitude = abs(value)
        let rounded = (magnitude * 1000).rounded() / 1000
        let integer = UInt64(rounded.rounded(.down))
        var fraction = rounded - Double(integer)
        var digits = String(integer)
        if integer >= 1000 {
            var grouped = ""
            for (index, char) in digits.reversed().enumerated() {
                if index > 0 && index % 3 == 0 { grouped.append(",") }
                grouped.append(char)
            }
            digits = String(grouped.reversed())
        }
        var text = digits
        if fraction > 0.0005 {
            var decimals = ""
            for _ in 0..<3 {
                fraction *= 10
                let digit = Int(fraction.rounded(.down) + 1e-9)
                decimals.append(String(min(digit, 9)))
                fraction -= Double(digit)
            }
            while decimals.hasSuffix("0") { decimals.removeLast() }
            if !decimals.isEmpty { text += "." + decimals }
        }
        return negative ? "-" + text : text
    }
}
