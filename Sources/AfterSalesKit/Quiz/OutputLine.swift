/// One line a driver wants shown. Drivers produce these instead of printing, so the same interaction runs in
/// the REPL, in a subcommand and in tests; the terminal layer maps `style` to colour.
public struct OutputLine: Sendable, Hashable, CustomStringConvertible {
    public enum Style: String, Sendable, Hashable {
        case plain, title, question, option, quote, correct, wrong, partial, retry, explanation, changed, source, hint, score
    }

    public var text: String
    public var style: Style
    /// Hanging indent for wrapped continuation lines.
    public var indent: String

    public init(_ text: String, _ style: Style = .plain, indent: String = "") {
        self.text = text
        self.style = style
        self.indent = indent
    }

    public var description: String { text }
}

/// An interaction driven one input line at a time: what the quiz and the review queue share with the REPL.
public protocol LineDriver {
    /// The opening lines (header and the first question).
    mutating func start() -> [OutputLine]
    /// The lines answering one typed line.
    mutating func handle(_ line: String) -> [OutputLine]
    /// True once there is nothing more to ask; further input is ignored.
    var isFinished: Bool { get }
    /// The prompt to show before reading the next line.
    var prompt: String { get }
    /// Input ended before the interaction did: the closing lines (e.g. the score so far). Empty once finished.
    mutating func finish() -> [OutputLine]
}
