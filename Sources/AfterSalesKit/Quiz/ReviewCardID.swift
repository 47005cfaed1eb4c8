/// What the review queue schedules: a quiz item, or a skill (a rubric criterion the trainee keeps missing).
/// Written `quiz:ITEM-ID` or `skill:CRITERION-ID` in review events.
public struct ReviewCardID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case quiz, skill }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public static func quiz(_ id: String) -> ReviewCardID { ReviewCardID(.quiz, id) }
    public static func skill(_ id: String) -> ReviewCardID { ReviewCardID(.skill, id) }

    /// Parses `quiz:ID` / `skill:ID`; nil for anything else.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(kind, id)
    }

    public var description: String { "\(kind.rawValue):\(id)" }

    public static func < (lhs: ReviewCardID, rhs: ReviewCardID) -> Bool { lhs.description < rhs.description }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = ReviewCardID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not quiz:ID or skill:ID"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
