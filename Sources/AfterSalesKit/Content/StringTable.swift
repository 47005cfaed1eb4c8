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
        let utf8 = template.utf8
        guard utf8.contains(UInt8(ascii: "{")) else { return [] }
        // ASCII text (every English string): each byte is a character ("\r\n" aside, which is neither a brace nor a
        // name character), so scanning bytes finds the same names without breaking the text into graphemes.
        if utf8.allSatisfy({ $0 < 0x80 }) { return asciiPlaceholders(utf8) }
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private static func asciiPlaceholders(_ utf8: String.UTF8View) -> [String] {
        var names: [String] = []
        var open: String.UTF8View.Index?
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "{"), open == nil {
                open = index
            } else if byte == UInt8(ascii: "}"), let start = open {
                let name = utf8[utf8.index(after: start)..<index]
                if !name.isEmpty, name.allSatisfy(isNameByte) { names.append(String(Substring(name))) }
                open = nil
            }
            index = utf8.index(after: index)
        }
        return names
    }

    /// ASCII letters, digits and `_`: what `Character.isLetter`, `isNumber` and `_` accept below 0x80.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }
}
