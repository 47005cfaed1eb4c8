/// Regular English inflections of a lexicon word marked with `+`, so a lexicon lists "apologize+" once and
/// matches apologize, apologizes, apologized, apologizing, apologise, apologised… Irregular forms
/// (send → sent) come from the lexicon settings, not from code.
public enum Inflection {
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// The word itself, its British/American -ize/-ise twin, their regular forms and any irregular forms, without repeats.
    public static func forms(of word: String, irregular: [String: [String]] = [:]) -> [String] {
        var bases = [word]
        if word.hasSuffix("ize") { bases.append(String(word.dropLast(3)) + "ise") }
        if word.hasSuffix("yze") { bases.append(String(word.dropLast(3)) + "yse") }
        if word.hasSuffix("ise"), !word.hasSuffix("wise") { bases.append(String(word.dropLast(3)) + "ize") }
        var result: [String] = []
        var seen = Set<String>()
        for form in bases.flatMap(regular) + (irregular[word] ?? []) where !seen.contains(form) {
            seen.insert(form)
            result.append(form)
        }
        return result
    }

    static func regular(_ word: String) -> [String] {
        let chars = Array(word)
        guard chars.count >= 2, chars.allSatisfy({ $0.isLetter }) else { return [word] }
        var forms = [word]
        let last = chars[chars.count - 1]
        let previous = chars[chars.count - 2]
        let stem = String(chars.dropLast())
        // -s / -es / -ies
        if ["s", "x", "z"].contains(last) || word.hasSuffix("ch") || word.hasSuffix("sh") {
            forms.append(word + "es")
        } else if last == "y" && !vowels.contains(previous) {
            forms.append(stem + "ies")
        } else {
            forms.append(word + "s")
        }
        // -ed / -ing
        if last == "e" {
            forms.append(word + "d")
            if word.hasSuffix("ie") {
                forms.append(String(chars.dropLast(2)) + "ying")
            } else if word.hasSuffix("ee") || word.hasSuffix("ye") || word.hasSuffix("oe") {
                forms.append(word + "ing")
            } else {
                forms.append(stem + "ing")
            }
        } else if last == "y" && !vowels.contains(previous) {
            forms.append(stem + "ied")
            forms.append(word + "ing")
        } else {
            forms.append(word + "ed")
            forms.append(word + "ing")
            // Consonant-vowel-consonant endings may double (ship → shipped, cancel → cancelled); both forms are kept
            // because stress decides and a spelling that never occurs costs nothing.
            if chars.count >= 3, !vowels.contains(last), !["w", "x", "y"].contains(last), vowels.contains(previous),
                !vowels.contains(chars[chars.count - 3])
            {
                forms.append(word + String(last) + "ed")
                forms.append(word + String(last) + "ing")
            }
        }
        return forms
    }
}
