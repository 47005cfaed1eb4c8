/// Every interface string, by key, from `Content/strings/{en,zh}.yaml`.
public struct StringTable: Sendable {
    public var language: Language
    public var entries: [String: String]
    /// The other language's table, used when a key is missing here rather than showing a raw key.
    public var fallback: [String: String]

    public init(language: Language, entries: [String: String], fallback: [String: String] = [:]) {
        self.language = language
        self.entries = entries
        self.fallback = fallback
    }

    /// The string for `key` with `{name}` placeholders filled from `args`.
    public func callAsFunction(_ key: String, _ args: [String: String] = [:]) -> String {
        let template = entries[key] ?? fallback[key] ?? key
        return Template.fill(template, args)
    }
}

/// `{name}` substitution, shared by interface strings and scenario texts.
public enum Template {
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var index = template.startIndex
        while index < template.endIndex {
            let char = template[index]
            if char == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                if let value = values[name] {
                    result += value
                    index = template.index(after: close)
                    continue
                }
            }
            result.append(char)
            index = template.index(after: index)
        }
        return result
    }

    /// Placeholder names used in `template`, for the linter.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
