import AfterSalesKit
import Foundation
import Terminal

/// The class report in the terminal: the table (columns measured by display width, so Chinese names
/// line up), then item analysis, decision points, the rules broken most, overrides and problems.
struct ExamReportPrinter {
    let context: AppContext

    private var s: StringTable { context.strings }
    private var console: Console { context.console }

    func print(_ report: ClassReport) {
        console.line(s("exam.report_title", ["title": report.exam.title, "exam": report.exam.id]), .bold)
        let st = report.statistics
        console.line(s("exam.report_summary", ["count": "\(st.count)", "passed": "\(st.passed)",
                                               "mean": st.mean.map(ExamResultLines.percent) ?? "–",
                                               "median": st.median.map(ExamResultLines.percent) ?? "–",
                                               "mark": ExamResultLines.percent(report.exam.passMark),
                                               "method": s("exam.grading.\(report.exam.grading.rawValue)")]))
        console.line()
        var header: [String] = [s("exam.col.trainee"), s("exam.col.score"), s("exam.col.result")]
        header += report.topics.map(\.title)
        header += [s("exam.col.time"), s("exam.col.attempts"), s("exam.col.flags")]
        var rows: [[String]] = [header]
        for row in report.trainees {
            var cells: [String] = [row.name, ExamResultLines.percent(row.percent), s(row.passed ? "exam.pass" : "exam.fail")]
            for topic in report.topics { cells.append(row.topics[topic.id].map(ExamResultLines.percent) ?? "") }
            cells.append(row.timeUsed.map { ExamTime.clock(seconds: $0) } ?? "")
            cells.append("\(row.attemptsCounted)/\(row.attemptsOnFile)")
            let mark: String = row.trusted ? "" : "✗ "
            cells.append(row.flags.isEmpty ? "" : mark + "\(row.flags.count)")
            rows.append(cells)
        }
        let numeric = Set([1] + Array(3..<(3 + report.topics.count + 2)))
        table(rows, numeric: numeric)
        for row in report.trainees where !row.flags.isEmpty {
            for flag in row.flags {
                console.line("  " + s("exam.flag_line", ["trainee": row.name, "message": flag.message]), flag.severity == .error ? .red : .yellow, indent: "    ")
            }
        }
        for problem in report.problems { console.line("  " + problem.message, .red, indent: "    ") }

        if !report.items.isEmpty {
            console.line()
            console.line(s("exam.items_title"), .bold)
            var itemRows = [[s("exam.col.item"), s("exam.col.topic"), "n", s("exam.col.facility"), s("exam.col.discrimination"), s("exam.col.flags")]]
            for item in report.items {
                itemRows.append([item.id, s("topic.\(item.topic)"), "\(item.count)",
                                 item.facility.map { ExamResultLines.percent($0 * 100) + "%" } ?? "–",
                                 item.discrimination.map { String(format: "%.2f", $0) } ?? "–",
                                 item.flags.map { s("exam.item_flag.\($0.rawValue)") }.joined(separator: ", ")])
            }
            table(itemRows, numeric: [2, 3, 4])
        }
        if !report.decisions.isEmpty {
            console.line()
            console.line(s("exam.decisions_title"), .bold)
            for decision in report.decisions {
                let flags = decision.flags.map { s("exam.item_flag.\($0.rawValue)") }.joined(separator: ", ")
                console.line(s("exam.decision_line", ["scenario": decision.scenario, "node": decision.node, "count": "\(decision.count)",
                                                      "discrimination": decision.discrimination.map { String(format: "%.2f", $0) } ?? "–"])
                             + (flags.isEmpty ? "" : "  [\(flags)]"))
                for choice in decision.choices {
                    console.line("      " + s("exam.choice_count", ["count": "\(choice.count)", "text": choice.text]), indent: "          ")
                }
            }
        }
        console.line()
        console.line(s("exam.rules_title"), .bold)
        if report.rules.isEmpty { console.line(s("exam.html.no_rules"), indent: "  ") }
        for rule in report.rules {
            let line = "  " + s("exam.rule_line", ["rule": rule.rule, "title": rule.title, "count": "\(rule.trainees)",
                                                   "percent": ExamResultLines.percent(rule.share * 100)])
            if rule.nearlyEveryone {
                console.line(line + "  ⚠ " + s("exam.rule_everyone"), .yellow, indent: "    ")
            } else {
                console.line(line, indent: "    ")
            }
            if let example = rule.examples.first {
                console.line("      " + s("exam.rule_example", ["trainee": example.trainee, "item": example.item, "evidence": example.evidence]), .dim, indent: "        ")
            }
        }
        if !report.overrides.isEmpty {
            console.line()
            console.line(s("exam.overrides_title"), .bold)
            for row in report.overrides {
                console.line("  " + s("exam.override_line", ["trainee": row.trainee, "item": row.item, "before": ExamResultLines.points(row.before),
                                                      "after": ExamResultLines.points(row.after), "reason": row.reason, "by": row.by ?? "?"]), indent: "    ")
            }
        }
    }

    /// Columns padded by display width; numeric columns right-aligned.
    private func table(_ rows: [[String]], numeric: Set<Int>) {
        let clean = rows.map { $0.map { Sanitize.line($0) } }
        let count = clean.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in clean.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        for (index, row) in clean.enumerated() {
            let cells = row.enumerated().map { column, cell -> String in
                let pad = String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(cell)))
                return numeric.contains(column) && index > 0 ? pad + cell : cell + pad
            }
            console.raw("  " + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n")
            if index == 0 {
                console.raw("  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
            }
        }
    }
}
