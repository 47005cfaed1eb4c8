/// Word-wraps text to a number of terminal columns. Latin text breaks at spaces; CJK text may break
/// between any two wide characters, as Chinese typesetting does. Existing newlines are kept.
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        guard width > 0 else { return text.components(separatedBy: "\n") }
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            lines += wrapParagraph(paragraph, width: max(width, DisplayWidth.of(indent) + 8), indent: indent)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int, indent: String) -> [String] {
        if DisplayWidth.of(paragraph) <= width { return [paragraph] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        let indentWidth = DisplayWidth.of(indent)
        for token in tokens(paragraph) {
            let tokenWidth = DisplayWidth.of(token)
            let isSpace = token == " "
            if lineWidth + tokenWidth > width, !line.isEmpty {
                lines.append(trimTrailing(line))
                line = indent
                lineWidth = indentWidth
                if isSpace { continue }
            }
            if tokenWidth > width - lineWidth {
                // A single word longer than the line: cut it by characters.
                for character in token {
                    let w = DisplayWidth.of(character)
                    if lineWidth + w > width, lineWidth > indentWidth {
                        lines.append(line)
                        line = indent
                        lineWidth = indentWidth
                    }
                    line.append(character)
                    lineWidth += w
                }
                continue
            }
            line += token
            lineWidth += tokenWidth
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty || lines.isEmpty { lines.append(trimTrailing(line)) }
        return lines
    }

    /// Words, single spaces, and each wide character on its own, so CJK text can break anywhere.
    private static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty { result.append(word); word = "" }
                result.append(" ")
            } else if DisplayWidth.of(character) == 2 {
                if !word.isEmpty { result.append(word); word = "" }
                result.append(String(character))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append(word) }
        return result
    }

    private static func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}

import Foundation
