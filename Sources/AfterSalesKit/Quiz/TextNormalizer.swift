import Foundation

/// Turns what a trainee typed into a canonical form, so that "Buyer-Seller Messaging", "buyer seller messaging."
/// and "ＢＵＹＥＲ　ＳＥＬＬＥＲ messaging" compare equal.
///
/// Steps: compatibility mapping (NFKC: full-width letters, digits, spaces and punctuation become their ASCII
/// forms), lower case, every punctuation mark becomes a space, runs of white space become one space, trimmed.
/// Symbols such as `$` and `%` are kept because they carry meaning in numeric answers.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        let mapped = text.precomposedStringWithCompatibilityMapping.lowercased()
        var result = ""
        var pendingSpace = false
        for scalar in mapped.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || isPunctuation(scalar) || scalar.properties.generalCategory == .control
            if isSpace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Compatibility mapping, lower case and single spaces only: punctuation and symbols are kept
    /// (numeric answers need `$`, `%` and decimal points).
    public static func fold(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `normalize` without any spaces: "safe t" and "safet", "a to z" and "atoz" become the same.
    public static func compact(_ text: String) -> String {
        normalize(text).replacingOccurrences(of: " ", with: "")
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Whether the text contains Han characters (so it was typed in Chinese).
    public static func containsHan(_ text: String) -> Bool {
        text.unicodeScalars.contains { isHan($0) }
    }

    /// Whether the text contains Latin letters (so it was typed in English).
    public static func containsLatin(_ text: String) -> Bool {
        text.precomposedStringWithCompatibilityMapping.unicodeScalars.contains {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0)
        }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// The language a piece of free text looks typed in: Chinese if it has Han characters, English if it has
    /// Latin letters and no Han, nil if it has neither (digits, symbols).
    public static func language(of text: String) -> Language? {
        if containsHan(text) { return .zh }
        if containsLatin(text) { return .en }
        return nil
    }
}
