/// Text shown to the trainee, in both interface languages.
///
/// In YAML it is either `{en: ..., zh: ...}` or a plain string, which counts as English only
/// (the linter reports the missing translation where one is required).
public struct Localized: Sendable, Hashable, Codable {
    public var en: String?
    public var zh: String?

    public init(en: String?, zh: String?) {
        self.en = en
        self.zh = zh
    }

    public init(_ both: String) {
        self.en = both
        self.zh = both
    }

    /// The text in `language`, falling back to the other one rather than showing nothing.
    public func text(_ language: Language) -> String {
        switch language {
        case .en: return en ?? zh ?? ""
        case .zh: return zh ?? en ?? ""
        }
    }

    /// Languages with no text, for the linter.
    public var missing: [Language] {
        var result: [Language] = []
        if (en ?? "").isEmpty { result.append(.en) }
        if (zh ?? "").isEmpty { result.append(.zh) }
        return result
    }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.en = text
            self.zh = nil
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.en = try container.decodeIfPresent(String.self, forKey: .en)
        self.zh = try container.decodeIfPresent(String.self, forKey: .zh)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(en, forKey: .en)
        try container.encodeIfPresent(zh, forKey: .zh)
    }

    private enum CodingKeys: String, CodingKey { case en, zh }
}
