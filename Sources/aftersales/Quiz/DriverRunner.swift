import AfterSalesKit
import Foundation
import Terminal

/// Runs a Kit `LineDriver` (quiz, review) on the console: prints its lines in colour, reads answers, and on
/// end of input prints the driver's closing lines. Shared by the subcommands and the REPL.
enum DriverRunner {
    static func run<D: LineDriver>(_ driver: inout D, context: AppContext, reader: LineReader, afterEachLine: (inout D) -> Void = { _ in }) {
        let console = context.console
        let interactive = reader is ReadlineReader
        show(driver.start(), console)
        afterEachLine(&driver)
        while !driver.isFinished {
            let prompt = interactive ? console.prompt(driver.prompt, .cyan) : ""
            guard case .line(let line) = reader.read(prompt: prompt, history: false) else {
                show(driver.finish(), console)
                afterEachLine(&driver)
                return
            }
            show(driver.handle(line), console)
            afterEachLine(&driver)
        }
    }

    static func show(_ lines: [OutputLine], _ console: Console) {
        for line in lines {
            if let style = style(line.style) {
                console.line(line.text, style, indent: line.indent)
            } else {
                console.line(line.text, indent: line.indent)
            }
        }
    }

    /// The console style for each kind of line.
    static func style(_ style: OutputLine.Style) -> Console.Style? {
        switch style {
        case .plain, .option, .explanation: return nil
        case .title, .question, .score: return .bold
        case .quote, .source, .hint: return .dim
        case .correct: return .green
        case .wrong: return .red
        case .partial, .retry: return .yellow
        case .changed: return .magenta
        }
    }
}
