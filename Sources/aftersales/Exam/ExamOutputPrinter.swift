import AfterSalesKit
import Terminal

/// Prints a session's lines on the console with colour for their style (none when piped).
struct ExamOutputPrinter {
    let console: Console

    func print(_ lines: [ExamOutput]) {
        for line in lines {
            switch line.style {
            case .plain: console.line(line.text, indent: "   ")
            case .heading: console.line(line.text, .bold)
            case .dim: console.line(line.text, .dim, indent: "  ")
            case .buyer: console.line(line.text, .bold, indent: "  ")
            case .notice: console.line(line.text, .cyan)
            case .warning: console.line(line.text, .yellow)
            case .good: console.line(line.text, .green, .bold)
            case .bad: console.line(line.text, .red, .bold)
            }
        }
    }
}
