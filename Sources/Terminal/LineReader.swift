/// What one read from the trainee gave.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Reads the trainee's input one line at a time, from a terminal or from a pipe.
public protocol LineReader: AnyObject {
    /// `history` is false for text that must not be remembered, such as written replies to buyers.
    func read(prompt: String, history: Bool) -> LineInput
    /// Words offered by tab completion: given the text before the cursor's word, the candidates.
    var completions: (@Sendable (_ lineBeforeWord: String) -> [String])? { get set }
    /// Text shown after ^C when Ctrl-C is pressed on an empty line (Ctrl-C never ends the program).
    var interruptNotice: String { get set }
    /// Saves anything pending (history) before the program ends.
    func close()
}

/// Lines from a pipe or file: no prompt, no echo, no escape codes, so a script can drive the program.
public final class PlainReader: LineReader {
    public var completions: (@Sendable (String) -> [String])?
    public var interruptNotice = ""

    public init() {}

    public func read(prompt: String, history: Bool) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    public func close() {}
}
