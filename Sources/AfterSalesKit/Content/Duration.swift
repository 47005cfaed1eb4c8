/// Simulated time in hours, written in content as `90m`, `2h`, `3d` or a bare number of hours.
public struct Hours: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public static func parse(_ text: String) -> Hours? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last else { return nil }
        let factor: Double
        var number = Substring(trimmed)
        switch last {
        case "m": factor = 1.0 / 60; number = number.dropLast()
        case "h": factor = 1; number = number.dropLast()
        case "d": factor = 24; number = number.dropLast()
        default: factor = 1
        }
        guard let value = Double(number), value.isFinite else { return nil }
        return Hours(value * factor)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Hours.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a duration (use e.g. 30m, 2h, 3d)")
        }
        value = parsed.value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        value == value.rounded() ? "\(Int(value))h" : "\(Int((value * 60).rounded()))m"
    }

    public static func < (lhs: Hours, rhs: Hours) -> Bool { lhs.value < rhs.value }
}

import Foundation
