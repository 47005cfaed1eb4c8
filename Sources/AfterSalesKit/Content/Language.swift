/// The two interface languages. Buyers always write English; this is the trainee's side.
public enum Language: String, Sendable, Codable, CaseIterable {
    case en, zh

    /// Picks the interface language from POSIX locale variables, in their precedence order.
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = env[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}
